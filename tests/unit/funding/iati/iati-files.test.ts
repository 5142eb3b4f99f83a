// Both IATI files from the seeded demo data validate against the official 2.03 schemas
// (xmllint), publish one activity per project, and carry the ledger's amounts to the cent.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedDemoData } from '../../../../prisma/seed.ts';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { loader as activitiesLoader } from '~/routes/iati.activities[.]xml.ts';
import { loader as organisationLoader } from '~/routes/iati.organisation[.]xml.ts';
import { REPORTING_ORG_REF } from '~/funding/iati/iati-xml.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { parseAmount } from '~/platform/money.ts';
import { call } from '../open-data/call.ts';

const run = promisify(execFile);
// The official IATI 2.03 schemas, kept unchanged in the repository (tests/fixtures/iati/README.md).
const SCHEMAS = fileURLToPath(new URL('../../../fixtures/iati/', import.meta.url));
const workDir = mkdtempSync(path.join(tmpdir(), 'iati-test-'));
const TRICKY_TITLE = 'Tom & Jerry <script>"quotes" \'apostrophes\' \u0007bell ]]> end';

let activities = '';
let organisation = '';

async function validate(xml: string, schema: string): Promise<{ ok: boolean; output: string }> {
  const file = path.join(workDir, `${schema}-${Date.now()}.xml`);
  writeFileSync(file, xml);
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', path.join(SCHEMAS, schema), file]);
    return { ok: true, output: stderr };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  }
}

async function xpath(xml: string, expression: string): Promise<string> {
  const file = path.join(workDir, `query-${Date.now()}.xml`);
  writeFileSync(file, xml);
  const { stdout } = await run('xmllint', ['--xpath', expression, file]);
  return stdout.trim();
}

/** Sum of "1234.56"-style values, exactly, in minor units. */
const sumMinor = (values: string[]) => values.reduce((total, value) => total + parseAmount(value, 'USD'), 0n);
const valuesIn = (fragment: string) =>
  [...fragment.matchAll(/<value currency="USD" value-date="[\d-]+">([\d.]+)<\/value>/g)].map((match) => match[1] ?? '');

function activityOf(code: string): string {
  const start = activities.indexOf(`<iati-identifier>${REPORTING_ORG_REF}-${code}</iati-identifier>`);
  const end = activities.indexOf('</iati-activity>', start);
  expect(start).toBeGreaterThan(0);
  return activities.slice(start, end);
}

beforeAll(async () => {
  const db = getPrisma();
  await seedDemoData({ db });
  const programme = await db.programme.findFirstOrThrow({ where: { slug: 'organized-crime' } });
  const Y = new Date().getUTCFullYear();
  await db.project.create({
    data: {
      code: 'ZZZE01',
      programmeId: programme.id,
      title: { en: TRICKY_TITLE, fr: 'Titre « français »' },
      description: { en: 'A < B && C > D' },
      countryCode: null,
      regionCode: '150',
      sectorCode: '15210',
      status: 'PIPELINE',
      startDate: new Date(Date.UTC(Y + 1, 0, 1)),
      endDate: new Date(Date.UTC(Y + 3, 11, 31)),
      requirements: { create: [{ year: Y + 1, usdMinor: 1_234_567n }] },
    },
  });
  await refreshFundingSummaries({ db }); // a requirement is a public figure: summaries follow it
  activities = await (await call(activitiesLoader, '/iati/activities.xml')).text();
  organisation = await (await call(organisationLoader, '/iati/organisation.xml')).text();
}, 120_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('IATI activities file', () => {
  test('the schemas are in the repository', () => {
    for (const schema of ['iati-activities-schema.xsd', 'iati-organisations-schema.xsd', 'iati-common.xsd', 'xml.xsd']) {
      expect(existsSync(path.join(SCHEMAS, schema)), schema).toBe(true);
    }
  });

  test('validates against the IATI 2.03 activities schema', async () => {
    const result = await validate(activities, 'iati-activities-schema.xsd');
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  test('one iati-activity per project, identified by reporting org + code', async () => {
    const projects = await getPrisma().project.findMany({ select: { code: true } });
    expect(Number(await xpath(activities, 'count(/iati-activities/iati-activity)'))).toBe(projects.length);
    expect(await xpath(activities, 'string(/iati-activities/@version)')).toBe('2.03');
    for (const { code } of projects) expect(activities).toContain(`<iati-identifier>${REPORTING_ORG_REF}-${code}</iati-identifier>`);
  });

  test('titles in the six languages, status, M49 region vocabulary, DAC sector', async () => {
    const glot = activityOf('GLOT59');
    for (const locale of ['en', 'fr', 'es', 'ru', 'zh', 'ar'])
      expect(glot).toMatch(new RegExp(`<title>[\\s\\S]*<narrative xml:lang="${locale}">`));
    expect(glot).toContain('<activity-status code="2"/>');
    expect(glot).toContain('<recipient-region code="001" vocabulary="2"/>');
    expect(glot).toContain('<sector vocabulary="1" code="15190"/>');
    const kenya = activityOf('KENU12');
    expect(kenya).toContain('<recipient-country code="KE"/>');
    expect(kenya).not.toContain('<recipient-region');
    expect(activityOf('XWAC05')).toMatch(/<activity-status code="4"\/>[\s\S]*<activity-date type="4"/);
  });

  test('budgets are the requirements and incoming funds the allocations, to the cent', async () => {
    const db = getPrisma();
    const projects = await db.project.findMany({ include: { requirements: true } });
    for (const project of projects) {
      const activity = activityOf(project.code);
      const budgets = [...activity.matchAll(/<budget [^>]*>[\s\S]*?<\/budget>/g)].map((match) => match[0]);
      expect(budgets).toHaveLength(project.requirements.length);
      expect(sumMinor(budgets.flatMap(valuesIn))).toBe(project.requirements.reduce((sum, row) => sum + row.usdMinor, 0n));
      const funds = [...activity.matchAll(/<transaction>\s*<transaction-type code="12"\/>[\s\S]*?<\/transaction>/g)].map(
        (match) => match[0],
      );
      const figures = await getFundingFigures({ projectId: project.id, fromYear: 2000, toYear: 2100 });
      expect(sumMinor(funds.flatMap((fragment) => valuesIn(fragment).slice(0, 1)))).toBe(BigInt(figures.fundedUsdMinor));
    }
    // a project with earmarked pledges has incoming commitments
    expect(activityOf('GLOT59')).toMatch(/<transaction-type code="11"\/>/);
  });

  test('anonymous and individual donors are never named', async () => {
    const hidden = await getPrisma().donor.findMany({
      where: { OR: [{ isAnonymous: true }, { type: 'INDIVIDUAL' }] },
      select: { displayName: true },
    });
    expect(hidden.length).toBeGreaterThan(0);
    for (const donor of hidden) expect(activities).not.toContain(`>${donor.displayName}<`);
    expect(activities).toContain('Private and anonymous donors');
  });

  test('text is escaped and characters XML cannot carry are dropped', () => {
    const tricky = activityOf('ZZZE01');
    expect(tricky).toContain('Tom &amp; Jerry &lt;script&gt;"quotes" \'apostrophes\' bell ]]&gt; end');
    expect(tricky).toContain('A &lt; B &amp;&amp; C &gt; D');
    expect(tricky).toContain('<activity-date type="1"');
    expect(tricky).toContain('<recipient-region code="150" vocabulary="2"/>');
  });

  test('served with an ETag; a matching If-None-Match is 304', async () => {
    const response = await call(activitiesLoader, '/iati/activities.xml');
    expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    const etag = response.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    expect((await call(activitiesLoader, '/iati/activities.xml', { 'If-None-Match': etag })).status).toBe(304);
  });
});

describe('IATI organisation file', () => {
  test('validates against the IATI 2.03 organisations schema', async () => {
    const result = await validate(organisation, 'iati-organisations-schema.xsd');
    expect(result.output).toContain('validates');
    expect(result.ok).toBe(true);
  });

  test('total budget per year is the sum of requirements, split into programme lines', async () => {
    const rows = await getPrisma().projectRequirement.groupBy({ by: ['year'], _sum: { usdMinor: true }, orderBy: { year: 'asc' } });
    const totals = [...organisation.matchAll(/<total-budget status="2">[\s\S]*?<\/total-budget>/g)].map((match) => match[0]);
    expect(totals).toHaveLength(rows.length);
    rows.forEach((row, index) => {
      const fragment = totals[index] ?? '';
      expect(fragment).toContain(`<period-start iso-date="${row.year}-01-01"/>`);
      const [total, ...lines] = valuesIn(fragment);
      expect(parseAmount(total ?? '', 'USD')).toBe(row._sum.usdMinor);
      expect(sumMinor(lines)).toBe(row._sum.usdMinor);
    });
    expect(organisation).toContain(`<organisation-identifier>${REPORTING_ORG_REF}</organisation-identifier>`);
    expect(organisation).toContain('<recipient-country code="KE"/>');
    expect(organisation).toContain('<recipient-region vocabulary="2" code="150"/>');
  });
});
