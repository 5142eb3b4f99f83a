import { describe, expect, test } from 'vitest';
import {
  currencyExponent,
  formatMoney,
  formatUsd,
  minorToDecimalString,
  MoneyError,
  parseAmount,
  toSafeNumber,
  toUsdMinor,
  type MoneyErrorCode,
} from '~/platform/money.ts';

function errorCode(work: () => unknown): MoneyErrorCode | 'NO_ERROR' {
  try {
    work();
    return 'NO_ERROR';
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
}

describe('currencyExponent', () => {
  test.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['JOD', 3],
    ['TND', 3],
    ['chf', 2],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(currencyExponent(currency)).toBe(exponent);
  });

  test('unknown currency is refused', () => {
    expect(errorCode(() => currencyExponent('XYZ'))).toBe('UNKNOWN_CURRENCY');
  });
});

describe('parseAmount', () => {
  test.each([
    ['1234', 'USD', 123400n],
    ['1234.5', 'USD', 123450n],
    ['1,234.56', 'USD', 123456n],
    ['1.234,56', 'EUR', 123456n],
    ['1 234,56', 'EUR', 123456n],
    ['1\u202f234,56', 'EUR', 123456n],
    ["1'234.50", 'CHF', 123450n],
    ['12,5', 'EUR', 1250n],
    ['1,234', 'USD', 123400n],
    ['1,234,567', 'USD', 123456700n],
    ['1.234.567', 'EUR', 123456700n],
    ['.5', 'USD', 50n],
    ['0.10', 'USD', 10n],
    ['+7', 'USD', 700n],
    ['  42  ', 'GBP', 4200n],
    ['1.50', 'JPY', NaN],
    ['1500', 'JPY', 1500n],
    ['1,500', 'JPY', 1500n],
    ['1.000', 'JPY', 1n],
    ['1.234', 'KWD', 1234n],
    ['0.005', 'KWD', 5n],
    ['12,345', 'KWD', 12345000n],
    ['١٢٣٫٤٥', 'USD', 12345n],
    ['0', 'USD', 0n],
    ['92233720368547758.07', 'USD', 9223372036854775807n],
  ])('%s %s → %s', (input, currency, expected) => {
    if (Number.isNaN(expected)) {
      expect(errorCode(() => parseAmount(input, currency))).toBe('TOO_MANY_DECIMALS');
    } else {
      expect(parseAmount(input, currency)).toBe(expected);
    }
  });

  test.each([
    ['', 'USD', 'EMPTY'],
    ['   ', 'USD', 'EMPTY'],
    ['-5', 'USD', 'NEGATIVE'],
    ['−5', 'USD', 'NEGATIVE'],
    ['(5.00)', 'USD', 'NEGATIVE'],
    ['1.234', 'USD', 'TOO_MANY_DECIMALS'],
    ['0.0001', 'KWD', 'TOO_MANY_DECIMALS'],
    ['0.5', 'JPY', 'TOO_MANY_DECIMALS'],
    ['abc', 'USD', 'INVALID_FORMAT'],
    ['12a', 'USD', 'INVALID_FORMAT'],
    ['1e5', 'USD', 'INVALID_FORMAT'],
    ['5.', 'USD', 'INVALID_FORMAT'],
    ['1,2,3', 'USD', 'INVALID_FORMAT'],
    ['12,34,567.00', 'USD', 'INVALID_FORMAT'],
    ['1.2.3,4', 'EUR', 'INVALID_FORMAT'],
    [',', 'USD', 'INVALID_FORMAT'],
    ['$5', 'USD', 'INVALID_FORMAT'],
    ['Infinity', 'USD', 'INVALID_FORMAT'],
    ['92233720368547758.08', 'USD', 'TOO_LARGE'],
    ['5', 'ABC', 'UNKNOWN_CURRENCY'],
  ])('%j %s is refused with %s', (input, currency, code) => {
    expect(errorCode(() => parseAmount(input, currency))).toBe(code);
  });

  test.each([
    [0n, 'USD'],
    [1n, 'USD'],
    [123456789n, 'USD'],
    [1n, 'KWD'],
    [1000n, 'KWD'],
    [7n, 'JPY'],
    [123456789012345678n, 'EUR'],
  ])('round trip %s %s through the decimal string', (minor, currency) => {
    expect(parseAmount(minorToDecimalString(minor, currency), currency)).toBe(minor);
  });
});

describe('minorToDecimalString and formatMoney', () => {
  test.each([
    [123450n, 'USD', '1234.50'],
    [5n, 'USD', '0.05'],
    [-5n, 'USD', '-0.05'],
    [1234n, 'JPY', '1234'],
    [1234n, 'KWD', '1.234'],
    [5n, 'KWD', '0.005'],
    [9007199254740993n, 'USD', '90071992547409.93'],
  ])('%s %s → %s', (minor, currency, expected) => {
    expect(minorToDecimalString(minor, currency)).toBe(expected);
  });

  test.each([
    [123450n, 'USD', 'en', '$1,234.50'],
    [123450, 'EUR', 'en', '€1,234.50'],
    [1234, 'JPY', 'en', '¥1,234'],
    [1234567n, 'KWD', 'en', 'KWD 1,234.567'],
    [5n, 'USD', 'en', '$0.05'],
    [-50n, 'USD', 'en', '-$0.50'],
    // beyond 2^53: a float division would end in ...992 or ...994
    [9007199254740993n, 'USD', 'en', '$90,071,992,547,409.93'],
    [123456789012345678n, 'USD', 'en', '$1,234,567,890,123,456.78'],
  ])('formatMoney(%s, %s, %s) = %s', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, ' ')).toBe(expected);
  });

  test('locale decides separators; the exponent decides the decimals', () => {
    expect(formatMoney(123450n, 'EUR', 'fr').replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234,50 €');
    expect(formatMoney(123450n, 'EUR', 'de')).toMatch(/^1\.234,50/);
    expect(formatMoney(1234567n, 'KWD', 'fr')).toMatch(/234,567/);
    expect(formatUsd(100n, 'zh')).toBe('US$1.00');
  });

  test('a safe-integer number formats exactly as the same bigint (the number path skips BigInt)', () => {
    const values = [0, 1, -1, 5, 99, 100, -100, 123456789, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let i = 0; i < 500; i += 1) values.push(Math.trunc(((Math.random() - 0.5) * 2 * Number.MAX_SAFE_INTEGER) / 10 ** (i % 16)));
    for (const value of values.filter(Number.isSafeInteger)) {
      for (const [currency, locale] of [
        ['USD', 'en'],
        ['JPY', 'ar'],
        ['KWD', 'fr'],
        ['EUR', 'zh'],
      ] as const) {
        expect(minorToDecimalString(value, currency)).toBe(minorToDecimalString(BigInt(value), currency));
        expect(formatMoney(value, currency, locale)).toBe(formatMoney(BigInt(value), currency, locale));
      }
    }
  });

  test('an unsafe number is refused rather than rounded', () => {
    expect(errorCode(() => formatMoney(2 ** 53 + 2, 'USD', 'en'))).toBe('UNSAFE_INTEGER');
    expect(errorCode(() => formatMoney(1.5, 'USD', 'en'))).toBe('UNSAFE_INTEGER');
  });
});

describe('toUsdMinor', () => {
  test.each([
    // amountMinor, currency, rate, expected usd minor
    [10000n, 'USD', '1', 10000n],
    [10000n, 'EUR', '1.0845', 10845n],
    [1n, 'EUR', '1.085', 1n], // 1.085 cents → 1
    [1n, 'EUR', '1.5', 2n], // 1.5 cents → 2 (half away from zero)
    [-1n, 'EUR', '1.5', -2n], // symmetric: a reversal converts to exactly minus the payment
    [1n, 'EUR', '1.4999999999', 1n],
    [100000n, 'JPY', '0.0067', 67000n], // ¥100,000 → $670.00
    [1n, 'JPY', '0.0067', 1n], // ¥1 → 0.67 cents → 1
    [150n, 'JPY', '0.0067', 101n], // 100.5 cents → 101
    [1000n, 'KWD', '3.2543', 325n], // 1.000 KWD → $3.2543 → 325.43 cents → 325
    [1500n, 'KWD', '3.251', 488n], // 1.500 KWD × 3.251 = 4.8765 → 488 cents
    [5n, 'KWD', '3.3', 2n], // 0.005 KWD = 1.65 cents → 2
    [250000n, 'SEK', '0.095', 23750n],
    [123456789012345678n, 'USD', '1.000000000000', 123456789012345678n],
    [90000000000000000n, 'EUR', '1.1', 99000000000000000n], // beyond 2^53, exact
    [100n, 'GBP', '1.27e0', 127n],
    [100000n, 'JPY', '6.7e-3', 67000n],
  ])('%s %s at %s → %s', (amountMinor, currency, usdRate, expected) => {
    expect(toUsdMinor({ amountMinor, currency, usdRate })).toBe(expected);
  });

  test('a number amount works when it is a safe integer', () => {
    expect(toUsdMinor({ amountMinor: 2500, currency: 'CHF', usdRate: '1.12' })).toBe(2800n);
  });

  test.each(['0', '-1.2', 'abc', '', '1.2.3'])('rate %j is refused', (usdRate) => {
    expect(errorCode(() => toUsdMinor({ amountMinor: 100n, currency: 'EUR', usdRate }))).toBe('INVALID_RATE');
  });

  test('toSafeNumber refuses values past 2^53', () => {
    expect(toSafeNumber(9007199254740991n)).toBe(9007199254740991);
    expect(errorCode(() => toSafeNumber(9007199254740992n))).toBe('UNSAFE_INTEGER');
  });
});
