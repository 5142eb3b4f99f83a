// Issue #15 item 1: the donors of a segment, counted and listed by one query on a real database.
// One cast of donors for the whole file; each test names who a segment takes in (the list) and
// checks the count agrees. The reference date is passed in: "this year" is 2026 here, never today's.
import { beforeAll, describe, expect, it } from 'vitest';
import { countSegmentDonors, listSegmentDonors } from '~/appeals/appeals-segment-queries.server.ts';
import { segmentDefinitionSchema, type SegmentDefinition } from '~/appeals/segment-definition.ts';
import { checkDonorGiftSummaries } from '~/ledger/check/donor-gift-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createDonor, createProgramme, createProject, refreshSummaries } from './segment-fixture.ts';

const AS_OF = new Date('2026-06-30T12:00:00Z');
const ids: Record<string, string> = {};

async function who(input: Partial<SegmentDefinition>, asOf = AS_OF): Promise<string[]> {
  const segment = segmentDefinitionSchema.parse(input);
  const listed = await listSegmentDonors({ segment, asOf });
  const count = await countSegmentDonors({ segment, asOf });
  expect(count, 'the count and the list agree').toBe(listed.length);
  return listed.map((donor) => donor.displayName).sort();
}

beforeAll(async () => {
  const corruption = await createProgramme('corruption');
  const trafficking = await createProgramme('trafficking');
  const c1 = await createProject('COR1', corruption.id);
  const c2 = await createProject('COR2', corruption.id);
  const t1 = await createProject('TRA1', trafficking.id);
  Object.assign(ids, { corruption: corruption.id, trafficking: trafficking.id, c1: c1.id, c2: c2.id, t1: t1.id });

  // Consent and the rules every segment keeps (no gifts needed).
  await createDonor({ name: 'Consenting', consents: [true] });
  await createDonor({ name: 'Withdrawn', consents: [true, false] });
  await createDonor({ name: 'Regranted', consents: [true, false, true] });
  await createDonor({ name: 'Never asked', consents: [] });
  await createDonor({ name: 'Suppressed', isSuppressed: true });
  await createDonor({ name: 'Erased', isErased: true });
  await createDonor({ name: 'No address', email: null });
  await createDonor({ name: 'Pending profile', isProfilePending: true });
  // Types, places, languages.
  await createDonor({ name: 'Company FR', type: 'COMPANY', countryCode: 'FR', locale: 'fr' });
  await createDonor({ name: 'Foundation MX', type: 'FOUNDATION', countryCode: 'MX', locale: 'es' });
  await createDonor({ name: 'Individual NG', countryCode: 'NG', locale: 'ar' });
  await createDonor({ name: 'Stateless', countryCode: null, locale: 'zh' });
  // Gifts: when, how much, to what.
  await createDonor({ name: 'Last year', countryCode: 'US', gifts: [{ on: '2025-03-01', usdMinor: 10_000n, projectId: c1.id }] });
  await createDonor({
    name: 'Last year twice',
    countryCode: 'US',
    gifts: [
      { on: '2025-02-01', usdMinor: 5_000n, projectId: c1.id },
      { on: '2025-09-01', usdMinor: 5_000n, projectId: c2.id },
    ],
  });
  await createDonor({ name: 'Years ago', countryCode: 'US', gifts: [{ on: '2023-05-05', usdMinor: 30_000n, programmeId: corruption.id }] });
  await createDonor({
    name: 'Every year',
    countryCode: 'US',
    gifts: [
      { on: '2025-05-05', usdMinor: 20_000n, projectId: t1.id },
      { on: '2026-01-15', usdMinor: 20_000n, projectId: t1.id },
    ],
  });
  await createDonor({
    name: 'Refunded this year',
    countryCode: 'US',
    gifts: [
      { on: '2025-05-05', usdMinor: 8_000n, projectId: t1.id },
      { on: '2026-02-01', usdMinor: 50_000n, projectId: c1.id, refundedUsdMinor: 50_000n },
    ],
  });
  await createDonor({
    name: 'Only refunded',
    countryCode: 'US',
    gifts: [{ on: '2025-04-04', usdMinor: 9_000n, projectId: c2.id, refundedUsdMinor: 9_000n }],
  });
  await createDonor({
    name: 'Part refunded',
    countryCode: 'US',
    gifts: [{ on: '2024-04-04', usdMinor: 40_000n, refundedUsdMinor: 15_000n }],
  });
  await createDonor({ name: 'After the date', countryCode: 'US', gifts: [{ on: '2026-08-01', usdMinor: 1_000n }] });
  await createDonor({
    name: 'Gift but withdrawn',
    countryCode: 'US',
    consents: [true, false],
    gifts: [{ on: '2025-03-01', usdMinor: 10_000n, projectId: c1.id }],
  });
  await createDonor({
    name: 'Gift but suppressed',
    countryCode: 'US',
    isSuppressed: true,
    gifts: [{ on: '2025-03-01', usdMinor: 10_000n, projectId: c1.id }],
  });
  await createDonor({
    name: 'Gift but erased',
    countryCode: 'US',
    isErased: true,
    gifts: [{ on: '2025-03-01', usdMinor: 10_000n, projectId: c1.id }],
  });
  // How they give.
  await createDonor({ name: 'Monthly', countryCode: 'CA', gifts: [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY' }] });
  await createDonor({
    name: 'Monthly cancelled',
    countryCode: 'CA',
    gifts: [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY', isCancelled: true }],
  });
  await createDonor({
    name: 'Monthly never paid',
    countryCode: 'CA',
    gifts: [{ on: '2026-03-01', usdMinor: 2_500n, frequency: 'MONTHLY', isUnpaid: true }],
  });
  await createDonor({
    name: 'Instalments',
    countryCode: 'CA',
    gifts: [{ on: '2026-03-01', usdMinor: 90_000n, frequency: 'INSTALMENTS', isUnpaid: true }],
  });
  await createDonor({
    name: 'Instalments cancelled',
    countryCode: 'CA',
    gifts: [{ on: '2026-03-01', usdMinor: 90_000n, frequency: 'INSTALMENTS', isUnpaid: true, isCancelled: true }],
  });
  await refreshSummaries();
});

const REACHABLE_WITHOUT_GIFTS = ['Company FR', 'Consenting', 'Foundation MX', 'Individual NG', 'Regranted', 'Stateless'];
const GAVE = [
  'After the date',
  'Every year',
  'Instalments',
  'Instalments cancelled',
  'Last year',
  'Last year twice',
  'Monthly',
  'Monthly cancelled',
  'Monthly never paid',
  'Part refunded',
  'Refunded this year',
  'Only refunded',
  'Years ago',
];

describe('segment donors: the rules every segment keeps', () => {
  it('takes in everyone whose latest appeal consent is a grant, and no one suppressed, erased, unaddressed or unconfirmed', async () => {
    expect(await who({})).toEqual([...REACHABLE_WITHOUT_GIFTS, ...GAVE].sort());
  });

  it('leaves out a withdrawn consent even with gifts, and a suppressed or erased donor even when every criterion fits', async () => {
    const lapsed = await who({ lastGift: 'LYBUNT', countries: ['US'], programmeIds: [ids.corruption!] });
    expect(lapsed).not.toContain('Gift but withdrawn');
    expect(lapsed).not.toContain('Gift but suppressed');
    expect(lapsed).not.toContain('Gift but erased');
    expect(lapsed).toContain('Last year');
  });
});

describe('segment donors: each criterion', () => {
  it('donor type', async () => {
    expect(await who({ donorTypes: ['COMPANY', 'FOUNDATION'] })).toEqual(['Company FR', 'Foundation MX']);
  });

  it('country and region (UN M49: a region takes in its sub-regions’ countries)', async () => {
    expect(await who({ countries: ['FR'] })).toEqual(['Company FR']);
    // Western Africa (011) holds NG; Africa (002) holds Western and Eastern Africa (KE).
    expect(await who({ regions: ['011'] })).toEqual(['Individual NG']);
    expect(await who({ regions: ['002'] })).toEqual(['Consenting', 'Individual NG', 'Regranted']);
    // Latin America (419) holds MX; a country and a region together: either.
    expect(await who({ regions: ['419'], countries: ['FR'] })).toEqual(['Company FR', 'Foundation MX']);
  });

  it('language', async () => {
    expect(await who({ locales: ['fr', 'ar'] })).toEqual(['Company FR', 'Individual NG']);
  });

  it('last gift: this year, LYBUNT, SYBUNT — relative to the reference date, refunded gifts not counted', async () => {
    // The reference date names the year; a gift later in that year is this year's too.
    expect(await who({ lastGift: 'THIS_YEAR' })).toEqual(['After the date', 'Every year', 'Monthly', 'Monthly cancelled']);
    expect(await who({ lastGift: 'LYBUNT' })).toEqual(['Last year', 'Last year twice', 'Refunded this year']);
    expect(await who({ lastGift: 'SYBUNT' })).toEqual(['Last year', 'Last year twice', 'Part refunded', 'Refunded this year', 'Years ago']);
    // A year on, this year's givers have lapsed.
    const nextYear = new Date('2027-02-01T00:00:00Z');
    expect(await who({ lastGift: 'LYBUNT' }, nextYear)).toEqual(['After the date', 'Every year', 'Monthly', 'Monthly cancelled']);
  });

  it('last gift between two days (inclusive)', async () => {
    // Refunded this year's last gift is its 2025 one: the refunded 2026 gift is none.
    expect(await who({ lastGiftFrom: '2025-03-01', lastGiftTo: '2025-09-01' })).toEqual([
      'Last year',
      'Last year twice',
      'Refunded this year',
    ]);
  });

  it('total given band: at least, and less than, net of refunds', async () => {
    // Part refunded: 400 − 150 = 250 USD; Refunded this year: 80 (the refunded 500 left out).
    expect(await who({ totalMinUsdMinor: 25_000, totalBelowUsdMinor: 30_000 })).toEqual(['Part refunded']);
    expect(await who({ totalMinUsdMinor: 25_001 })).toEqual(['Every year', 'Years ago']);
    expect(await who({ totalBelowUsdMinor: 8_001 })).toEqual(['After the date', 'Monthly', 'Monthly cancelled', 'Refunded this year']);
  });

  it('programmes or projects funded: earmarked to the programme or one of its projects; refunded gifts are not funding', async () => {
    expect(await who({ programmeIds: [ids.corruption!] })).toEqual(['Last year', 'Last year twice', 'Years ago']);
    expect(await who({ projectIds: [ids.c2!] })).toEqual(['Last year twice']);
    expect(await who({ projectIds: [ids.t1!], programmeIds: [ids.corruption!] })).toEqual([
      'Every year',
      'Last year',
      'Last year twice',
      'Refunded this year',
      'Years ago',
    ]);
  });

  it('frequency: monthly gifts still running that have paid; live instalment pledges', async () => {
    expect(await who({ frequencies: ['MONTHLY'] })).toEqual(['Monthly']);
    expect(await who({ frequencies: ['INSTALMENTS'] })).toEqual(['Instalments']);
    expect(await who({ frequencies: ['MONTHLY', 'INSTALMENTS'] })).toEqual(['Instalments', 'Monthly']);
  });
});

describe('segment donors: criteria together', () => {
  it('lapsed donors to the corruption programme in the United States, in English', async () => {
    expect(await who({ lastGift: 'LYBUNT', programmeIds: [ids.corruption!], countries: ['US'], locales: ['en'] })).toEqual([
      'Last year',
      'Last year twice',
    ]);
    expect(await who({ lastGift: 'LYBUNT', programmeIds: [ids.corruption!], locales: ['fr'] })).toEqual([]);
  });

  it('lists a page at a time after the last id, each donor once', async () => {
    const segment = segmentDefinitionSchema.parse({ lastGift: 'SYBUNT' });
    const first = await listSegmentDonors({ segment, asOf: AS_OF, limit: 3 });
    const rest = await listSegmentDonors({ segment, asOf: AS_OF, afterId: first.at(-1)!.id, limit: 10 });
    expect(first).toHaveLength(3);
    const all = [...first, ...rest].map((donor) => donor.id);
    expect(new Set(all).size).toBe(5);
    expect(all).toEqual([...all].sort());
  });
});

describe('segment definition', () => {
  it('refuses unknown values and upside-down ranges', () => {
    expect(segmentDefinitionSchema.safeParse({ countries: ['XX'] }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ regions: ['001'] }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ donorTypes: ['ROBOT'] }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ lastGiftFrom: '2025-02-30' }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ lastGiftFrom: '2025-05-01', lastGiftTo: '2025-04-01' }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ totalMinUsdMinor: 500, totalBelowUsdMinor: 500 }).success).toBe(false);
    expect(segmentDefinitionSchema.safeParse({ totalMinUsdMinor: 1.5 }).success).toBe(false);
  });
});

describe('donor gift summaries (kept by triggers on payments and reversals)', () => {
  it('agree with the facts, and the ledger check names a donor whose row drifted', async () => {
    expect(await checkDonorGiftSummaries({ db: getPrisma() })).toEqual([]);
    const [row] = await getPrisma().$queryRaw<{ donorId: string; totalUsdMinor: bigint }[]>`
      SELECT "donorId"::text AS "donorId", "totalUsdMinor" FROM donor_gift_summaries ORDER BY "donorId" LIMIT 1`;
    await getPrisma()
      .$executeRaw`UPDATE donor_gift_summaries SET "totalUsdMinor" = "totalUsdMinor" + 1 WHERE "donorId" = ${row!.donorId}::uuid`;
    try {
      const problems = await checkDonorGiftSummaries({ db: getPrisma() });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(row!.donorId);
    } finally {
      await getPrisma()
        .$executeRaw`UPDATE donor_gift_summaries SET "totalUsdMinor" = ${row!.totalUsdMinor} WHERE "donorId" = ${row!.donorId}::uuid`;
    }
  });

  it('a refund in full takes the donor out; what is left of a partial refund stays', async () => {
    const rows = await getPrisma().$queryRaw<{ name: string; total: bigint | null }[]>`
      SELECT d."displayName" AS name, g."totalUsdMinor" AS total FROM donors d LEFT JOIN donor_gift_summaries g ON g."donorId" = d.id
       WHERE d."displayName" IN ('Only refunded', 'Part refunded', 'Refunded this year') ORDER BY 1`;
    expect(rows).toEqual([
      { name: 'Only refunded', total: null },
      { name: 'Part refunded', total: 25_000n },
      { name: 'Refunded this year', total: 8_000n },
    ]);
  });
});
