import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, parseCsv, toCsv } from '~/platform/csv.ts';

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
    // formula injection: a leading = + - @ tab or CR is neutralised with a quote
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', 'a=b'],
  ])('text %j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  test('numbers are plain integers, never prefixed; booleans and nulls', () => {
    expect(csvCell(123456)).toBe('123456');
    expect(csvCell(-500)).toBe('-500');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });
});

describe('toCsv and parseCsv', () => {
  test('a document with a BOM, CRLF line ends and a header row', () => {
    const text = toCsv(
      ['name', 'amount'],
      [
        ['Ada, Lady', 100],
        ['=1+1', -5],
      ],
    );
    expect(text).toBe(`${CSV_BOM}name,amount\r\n"Ada, Lady",100\r\n'=1+1,-5\r\n`);
  });

  test('round trip of awkward cells (quotes, commas, line breaks, scripts)', () => {
    const rows = [['a"b', 'c,d', 'e\r\nf', 'مكتب', '联合国', '']];
    const parsed = parseCsv(toCsv(['1', '2', '3', '4', '5', '6'], rows));
    expect(parsed).toEqual([['1', '2', '3', '4', '5', '6'], ...rows]);
  });

  test('an empty table is only the header', () => {
    expect(parseCsv(toCsv(['x', 'y'], []))).toEqual([['x', 'y']]);
  });
});
