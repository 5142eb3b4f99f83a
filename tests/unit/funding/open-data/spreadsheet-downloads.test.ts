// The .xlsx downloads (decision 052) against the seeded demo data: each file, read back with
// exceljs, equals the CSV of the same query cell by cell; amounts, shares and dates are typed
// cells with their number formats; the header row is frozen; the About sheet says what the data is;
// a query with anything not understood is a clear 400.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { loader as contributionsLoader } from '~/routes/api.v1.contributions.ts';
import { loader as programmesLoader } from '~/routes/api.v1.programmes.ts';
import { loader as projectsLoader } from '~/routes/api.v1.projects.ts';
import { loader as donorsLoader } from '~/routes/api.v1.donors._index.ts';
import { loader as donorLoader } from '~/routes/api.v1.donors.$slug.ts';
import { listPublicDonors } from '~/funding/donor-page-queries.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { call, callJson } from './call.ts';

const Y = new Date().getUTCFullYear();
const RANGE = `from=${Y - 3}&to=${Y + 1}`;
const FORMULA_NAME = '=HYPERLINK("http://example.test","x")';

beforeAll(async () => {
  const db = getPrisma();
  await seedDemoData({ db });
  const donor = await db.donor.create({
    data: { type: 'COMPANY', displayName: FORMULA_NAME, organisationName: FORMULA_NAME, countryCode: 'FR' },
  });
  await db.payment.create({
    data: {
      donorId: donor.id,
      method: 'BANK_TRANSFER',
      provider: 'MANUAL',
      currency: 'USD',
      amountMinor: 1_000_001n,
      usdRate: '1',
      usdMinor: 1_000_001n,
      earmarkType: 'GENERAL_PURPOSE',
      receivedAt: new Date(),
    },
  });
  await refreshFundingSummaries({ db, donorIds: [donor.id] });
});

async function readWorkbook(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** The spreadsheet's header for a CSV column: amounts in major units, shares as fractions. */
const expectedHeader = (csvHeader: string) => csvHeader.replace(/UsdMinor$/, 'Usd').replace(/BasisPoints$/, '');

/** Checks one xlsx cell against its CSV text; returns a description of the mismatch or null. */
function cellMismatch(csvHeader: string, csvText: string, cell: ExcelJS.Cell): string | null {
  const value = cell.value;
  if (csvText === '') return value === null || value === undefined ? null : `expected empty, got ${String(value)}`;
  if (csvHeader.endsWith('UsdMinor')) {
    if (typeof value !== 'number') return `amount is ${typeof value}`;
    if (cell.numFmt !== '#,##0.00') return `amount format ${cell.numFmt}`;
    // The double nearest to the exact decimal: cents back exactly, and the same number as parsing "1234.56".
    if (Math.round(value * 100) !== Number(csvText) || value !== Number(csvText) / 100) return `amount ${value} vs ${csvText}`;
    return null;
  }
  if (csvHeader.endsWith('BasisPoints')) {
    if (typeof value !== 'number' || cell.numFmt !== '0.00%') return `share ${String(value)} ${cell.numFmt}`;
    return Math.round(value * 10_000) === Number(csvText) ? null : `share ${value} vs ${csvText}`;
  }
  if (csvHeader.endsWith('Date')) {
    if (!(value instanceof Date)) return `date is ${typeof value}`;
    return value.toISOString().slice(0, 10) === csvText ? null : `date ${value.toISOString()} vs ${csvText}`;
  }
  if (typeof value === 'boolean') return String(value) === csvText ? null : `boolean ${value} vs ${csvText}`;
  if (typeof value === 'number') return String(value) === csvText ? null : `number ${value} vs ${csvText}`;
  if (typeof value !== 'string') return `unexpected ${typeof value}`;
  // Text: the CSV quotes what a spreadsheet would run as a formula; the .xlsx keeps it as text.
  const csvValue = /^'[=+\-@\t\r]/.test(csvText) ? csvText.slice(1) : csvText;
  return value === csvValue ? null : `text ${value} vs ${csvText}`;
}

describe('the .xlsx equals the CSV', () => {
  const cases = [
    { name: 'programmes', loader: programmesLoader, query: `year=${Y}` },
    { name: 'projects', loader: projectsLoader, query: RANGE },
    { name: 'contributions', loader: contributionsLoader, query: RANGE },
    { name: 'donors', loader: donorsLoader, query: '' },
  ] as const;

  test.each(cases)('$name: same rows, same numbers, typed cells, frozen header, About sheet', async ({ name, loader, query }) => {
    const csvResponse = await call(loader, `/api/v1/${name}?${query}&format=csv`);
    const [header, ...rows] = parseCsv(await csvResponse.text());
    const response = await call(loader, `/api/v1/${name}?${query}&format=xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${name}(-[\\d-]+)?\\.xlsx"$`));
    const workbook = await readWorkbook(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Data', 'About']);

    const sheet = workbook.getWorksheet('Data')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(rows.length).toBeGreaterThan(2);
    const headerValues = header!.map((_, index) => sheet.getRow(1).getCell(index + 1).value);
    expect(headerValues).toEqual(header!.map(expectedHeader));
    expect(sheet.getRow(1).getCell(header!.length + 1).value).toBeNull();

    const mismatches: string[] = [];
    let amounts = 0;
    rows.forEach((row, rowIndex) => {
      const xlsxRow = sheet.getRow(rowIndex + 2);
      row.forEach((text, columnIndex) => {
        const column = header![columnIndex]!;
        if (column.endsWith('UsdMinor') && text !== '') amounts += 1;
        const problem = cellMismatch(column, text, xlsxRow.getCell(columnIndex + 1));
        if (problem) mismatches.push(`row ${rowIndex + 2} ${column}: ${problem}`);
      });
    });
    expect(mismatches).toEqual([]);
    if (name !== 'donors') expect(amounts).toBeGreaterThan(rows.length);

    const about = workbook.getWorksheet('About')!;
    const aboutRows = new Map<string, string>();
    about.eachRow((row) => aboutRows.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(aboutRows.get('Source')).toMatch(new RegExp(`^https?://[^/]+/api/v1/${name}\\?.*format=xlsx`));
    expect(aboutRows.get('Same data as CSV')).toMatch(/format=csv/);
    expect(aboutRows.has('Figures last changed (UTC)')).toBe(true);
    if (name !== 'donors') {
      expect(aboutRows.get('Figures last changed (UTC)')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      for (const label of ['Budget year vs transaction date', 'Gross vs net', 'Pledged but unpaid', 'Years', 'Filters'])
        expect(aboutRows.has(label)).toBe(true);
    }
  });

  test('a formula-like donor name is text in the .xlsx, as typed, and its amount is a number', async () => {
    const workbook = await readWorkbook(await call(contributionsLoader, '/api/v1/contributions?format=xlsx'));
    const sheet = workbook.getWorksheet('Data')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    let found = false;
    sheet.eachRow((row, rowNumber) => {
      if (rowNumber === 1 || row.getCell(header.indexOf('name') + 1).value !== FORMULA_NAME) return;
      found = true;
      expect(row.getCell(header.indexOf('name') + 1).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(header.indexOf('paidUsd') + 1).value).toBe(10_000.01);
    });
    expect(found).toBe(true);
  });

  test('an unchanged file answers 304 to its ETag', async () => {
    const first = await call(programmesLoader, `/api/v1/programmes?year=${Y}&format=xlsx`);
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^W\//);
    const again = await call(programmesLoader, `/api/v1/programmes?year=${Y}&format=xlsx`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    const csv = await call(programmesLoader, `/api/v1/programmes?year=${Y}&format=csv`);
    expect(csv.headers.get('ETag')).not.toBe(etag);
  });
});

/** Every cell of a sheet against a CSV document; returns the mismatches (empty when equal). */
function sheetMismatches(sheet: ExcelJS.Worksheet, csvText: string): string[] {
  const [header, ...rows] = parseCsv(csvText);
  const mismatches: string[] = [];
  if (sheet.rowCount !== rows.length + 1) mismatches.push(`${sheet.rowCount - 1} rows vs ${rows.length}`);
  header!.forEach((column, index) => {
    if (sheet.getRow(1).getCell(index + 1).value !== expectedHeader(column)) mismatches.push(`header ${column}`);
  });
  rows.forEach((row, rowIndex) =>
    row.forEach((text, columnIndex) => {
      const problem = cellMismatch(header![columnIndex]!, text, sheet.getRow(rowIndex + 2).getCell(columnIndex + 1));
      if (problem) mismatches.push(`row ${rowIndex + 2} ${header![columnIndex]}: ${problem}`);
    }),
  );
  return mismatches;
}

describe('a donor page as a spreadsheet', () => {
  test('sheets Years and Earmarks equal the two CSV tables; the About sheet has the payment record', async () => {
    const donors = await listPublicDonors();
    const germany = donors.find((donor) => donor.countryCode === 'DE' && donor.donorType === 'MEMBER_STATE') ?? donors[0]!;
    const path = `/api/v1/donors/${germany.slug}`;
    const params = { slug: germany.slug };
    const response = await call(donorLoader, `${path}?format=xlsx`, {}, params);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="donor-${germany.slug}.xlsx"`);
    const workbook = await readWorkbook(response);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Years', 'Earmarks', 'About']);
    const years = await (await call(donorLoader, `${path}?format=csv`, {}, params)).text();
    expect(await (await call(donorLoader, `${path}?format=csv&table=years`, {}, params)).text()).toBe(years);
    const earmarks = await (await call(donorLoader, `${path}?format=csv&table=earmarks`, {}, params)).text();
    expect(parseCsv(years).length).toBeGreaterThan(1);
    expect(parseCsv(earmarks).length).toBeGreaterThan(1);
    expect(sheetMismatches(workbook.getWorksheet('Years')!, years)).toEqual([]);
    expect(sheetMismatches(workbook.getWorksheet('Earmarks')!, earmarks)).toEqual([]);

    // The sheet's paid total is the JSON's, to the cent.
    const json = await callJson<{ totals: { paidUsdMinor: number }; lastChangedAt: string }>(donorLoader, path, params);
    let paid = 0;
    const paidColumn = parseCsv(years)[0]!.indexOf('paidUsdMinor') + 1;
    workbook.getWorksheet('Years')!.eachRow((row, rowNumber) => {
      if (rowNumber > 1) paid += Math.round((row.getCell(paidColumn).value as number) * 100);
    });
    expect(paid).toBe(json.body.totals.paidUsdMinor);

    const about = new Map<string, string>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(about.get('Payment record')).toMatch(/on time: \d+; paid late: \d+; outstanding: \d+/);
    expect(about.get('Sheet Earmarks as CSV')).toMatch(/format=csv&table=earmarks$/);
    expect(about.get('Figures last changed (UTC)')).toBe(json.body.lastChangedAt);
  });

  test('a table that does not exist is a 400; individuals have no file either', async () => {
    const [donor] = await listPublicDonors();
    const bad = await callJson<{ error: { code: string } }>(donorLoader, `/api/v1/donors/${donor!.slug}?format=csv&table=bogus`, {
      slug: donor!.slug,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameters');
    const person = await getPrisma().donor.findFirstOrThrow({ where: { type: 'INDIVIDUAL' } });
    const missing = await call(donorLoader, `/api/v1/donors/${person.id.slice(0, 8)}?format=xlsx`, {}, { slug: person.id.slice(0, 8) });
    expect(missing.status).toBe(404);
  });
});

describe('bad queries', () => {
  test.each([
    ['projects', projectsLoader, 'year=abc', ['year']],
    ['projects', projectsLoader, 'from=2030&to=2020', ['from', 'to']],
    ['programmes', programmesLoader, 'status=closed', ['status']],
    ['contributions', contributionsLoader, 'project=%3Cscript%3E', ['project']],
    ['donors', donorsLoader, 'foo=1', ['foo']],
  ] as const)('%s?%s&format=xlsx is a 400 naming what was not understood', async (name, loader, query, names) => {
    const { status, body, response } = await callJson<{ error: { code: string; message: string } }>(
      loader,
      `/api/v1/${name}?${query}&format=xlsx`,
    );
    expect(status).toBe(400);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(body.error.code).toBe('invalid_parameters');
    for (const parameter of names) expect(body.error.message).toContain(parameter);
  });

  test('an unknown programme is still a 404, and the same query as JSON still answers with warnings', async () => {
    const missing = await callJson(projectsLoader, '/api/v1/projects?programme=no-such-programme&format=xlsx');
    expect(missing.status).toBe(404);
    const lenient = await callJson<{ warnings: string[] }>(projectsLoader, '/api/v1/projects?year=abc');
    expect(lenient.status).toBe(200);
    expect(lenient.body.warnings).toEqual(['year']);
  });

  test('endpoints without a spreadsheet keep ignoring format=xlsx with a warning', async () => {
    const { loader } = await import('~/routes/api.v1.openapi[.]json.ts');
    const response = await call(loader, '/api/v1/openapi.json?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  });
});
