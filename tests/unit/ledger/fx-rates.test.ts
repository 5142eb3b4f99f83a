import { describe, expect, test } from 'vitest';
import { FxRateMissingError, getUsdRate, upsertFxRate } from '~/ledger/fx-rate-commands.server.ts';
import { MoneyError } from '~/platform/money.ts';

describe('operational rates', () => {
  test('USD is always 1; other currencies take the latest month on or before the date', async () => {
    await upsertFxRate({ currency: 'EUR', month: new Date('2025-01-01T00:00:00Z'), usdRate: '1.0401' });
    await upsertFxRate({ currency: 'eur', month: new Date('2025-03-17T12:00:00Z'), usdRate: '1.0822' });
    expect(await getUsdRate({ currency: 'USD', on: new Date('1999-01-01T00:00:00Z') })).toBe('1');
    expect(await getUsdRate({ currency: 'EUR', on: new Date('2025-01-31T23:59:59Z') })).toBe('1.0401');
    expect(await getUsdRate({ currency: 'EUR', on: new Date('2025-02-15T00:00:00Z') })).toBe('1.0401');
    expect(await getUsdRate({ currency: 'EUR', on: new Date('2025-03-01T00:00:00Z') })).toBe('1.0822');
    expect(await getUsdRate({ currency: 'EUR', on: new Date('2026-06-01T00:00:00Z') })).toBe('1.0822');
  });

  test('a correction replaces the month and keeps 12 decimals', async () => {
    await upsertFxRate({ currency: 'JPY', month: new Date('2025-01-01T00:00:00Z'), usdRate: '0.0064' });
    await upsertFxRate({ currency: 'JPY', month: new Date('2025-01-20T00:00:00Z'), usdRate: '0.006412345678' });
    expect(await getUsdRate({ currency: 'JPY', on: new Date('2025-01-25T00:00:00Z') })).toBe('0.006412345678');
  });

  test('no rate before the first recorded month is a clear error', async () => {
    await upsertFxRate({ currency: 'KWD', month: new Date('2025-05-01T00:00:00Z'), usdRate: '3.2543' });
    await expect(getUsdRate({ currency: 'KWD', on: new Date('2025-04-30T00:00:00Z') })).rejects.toThrow(FxRateMissingError);
    await expect(getUsdRate({ currency: 'KWD', on: new Date('2025-04-30T00:00:00Z') })).rejects.toThrow(/KWD.*2025-04/);
    await expect(getUsdRate({ currency: 'SEK', on: new Date() })).rejects.toThrow(FxRateMissingError);
  });

  test('invalid rates and unknown currencies are refused', async () => {
    await expect(upsertFxRate({ currency: 'EUR', month: new Date(), usdRate: '-1' })).rejects.toThrow(MoneyError);
    await expect(upsertFxRate({ currency: 'EUR', month: new Date(), usdRate: '0' })).rejects.toThrow(MoneyError);
    await expect(getUsdRate({ currency: 'XXX', on: new Date() })).rejects.toThrow(MoneyError);
  });
});
