// The donors of a segment (issue #15 item 1), counted for the officer's live count and listed for
// the send to come, by one SQL statement built from the definition (segment-definition.ts), over
// askable_donors: the donors who keep the rules every segment keeps, as a summary kept by triggers
// (docs/decisions/055; the ledger check states the rules again). The rules (docs/decisions/046):
// - appeal consent: the donor's latest word on APPEALS in the consent log is a grant
//   (latestConsentWord's rule, which the outbox applies again at send time, decision 034);
// - an address that bounced or complained (email_suppressions) is never in a segment;
// - erased donors, donors without an address, and donors whose profile no payment has confirmed
//   yet (decision 022: an address typed on the give form, never paid from) are not either.
// A gift is a payment net of its reversals above zero: a refunded gift is no gift. Every count
// counts donors, once each, however many payments they made.
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { regionScope } from '~/platform/m49-regions.ts';
import { readsGifts, type SegmentDefinition } from './segment-definition.ts';

const DAY_MS = 86_400_000;

function startOfUtcYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1));
}

/** The countries a donor may live in: the chosen ones and those inside the chosen regions. */
function countriesOf(segment: SegmentDefinition): string[] {
  return [...new Set([...segment.countries, ...segment.regions.flatMap((region) => regionScope(region).countryCodes)])].sort();
}

/**
 * SQL: the donors (ids) with a pledge of one of `frequencies` running now — a live instalment
 * pledge, or a monthly gift that has paid and not ended (the states
 * app/giving/monthly-gift-queries.server.ts reads). Unlike gifts, this is today's state, not the
 * reference date's: a send asks who gives monthly now. donor_giving_modes counts each donor's
 * running pledges of each kind, kept by triggers on the facts (decision 051).
 */
function frequencyDonorsSql(frequencies: SegmentDefinition['frequencies']): Prisma.Sql {
  const running: Prisma.Sql[] = [];
  if (frequencies.includes('MONTHLY')) running.push(Prisma.sql`m."runningMonthly" > 0`);
  if (frequencies.includes('INSTALMENTS')) running.push(Prisma.sql`m."runningInstalments" > 0`);
  return Prisma.sql`(SELECT m."donorId" FROM donor_giving_modes m WHERE ${Prisma.join(running, ' OR ')})`;
}

/**
 * SQL: the conditions on askable donor `a` (and, when the segment reads gifts, its giving row `g`).
 * The rules every segment keeps are askable_donors' own (kept by triggers, decision 055).
 */
function conditionsSql(segment: SegmentDefinition, asOf: Date): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`true`];
  if (segment.donorTypes.length > 0) conditions.push(Prisma.sql`a.type::text = ANY(${segment.donorTypes}::text[])`);
  if (segment.locales.length > 0) conditions.push(Prisma.sql`a.locale = ANY(${segment.locales}::text[])`);
  const countries = countriesOf(segment);
  if (segment.countries.length > 0 || segment.regions.length > 0) conditions.push(Prisma.sql`a."countryCode" = ANY(${countries}::text[])`);

  // The last gift and the total come from donor_gift_summaries (g): one row per donor with a gift,
  // kept from payments and reversals by triggers. LYBUNT: the last gift fell last year (so none
  // this year); SYBUNT: before this year; "this year" is the reference date's UTC year.
  const year = asOf.getUTCFullYear();
  const thisYear = startOfUtcYear(year);
  if (segment.lastGift === 'THIS_YEAR') conditions.push(Prisma.sql`g."lastGiftAt" >= ${thisYear}`);
  if (segment.lastGift === 'LYBUNT')
    conditions.push(Prisma.sql`g."lastGiftAt" >= ${startOfUtcYear(year - 1)} AND g."lastGiftAt" < ${thisYear}`);
  if (segment.lastGift === 'SYBUNT') conditions.push(Prisma.sql`g."lastGiftAt" < ${thisYear}`);
  if (segment.lastGiftFrom) conditions.push(Prisma.sql`g."lastGiftAt" >= ${new Date(`${segment.lastGiftFrom}T00:00:00Z`)}`);
  if (segment.lastGiftTo) conditions.push(Prisma.sql`g."lastGiftAt" < ${new Date(Date.parse(`${segment.lastGiftTo}T00:00:00Z`) + DAY_MS)}`);
  if (segment.totalMinUsdMinor !== undefined) conditions.push(Prisma.sql`g."totalUsdMinor" >= ${BigInt(segment.totalMinUsdMinor)}`);
  if (segment.totalBelowUsdMinor !== undefined) conditions.push(Prisma.sql`g."totalUsdMinor" < ${BigInt(segment.totalBelowUsdMinor)}`);
  if (segment.programmeIds.length > 0 || segment.projectIds.length > 0) {
    // Funded: money of theirs earmarked to the programme or project, or one of the programme's
    // projects, that reversals left something of, or allocated there (donor_funded_scopes, kept by
    // triggers on the facts, decision 051). A programme's projects are read as they are now.
    const scope = Prisma.sql`ARRAY(SELECT unnest(${segment.programmeIds}::uuid[]) UNION SELECT unnest(${segment.projectIds}::uuid[])
                                   UNION SELECT id FROM projects WHERE "programmeId" = ANY(${segment.programmeIds}::uuid[]))`;
    conditions.push(Prisma.sql`a."donorId" IN (SELECT f."donorId" FROM donor_funded_scopes f WHERE f."scopeId" = ANY(${scope}))`);
  }
  if (segment.frequencies.length > 0) conditions.push(Prisma.sql`a."donorId" IN ${frequencyDonorsSql(segment.frequencies)}`);
  return Prisma.join(conditions, ' AND ');
}

/** SQL: FROM the askable donors a, joined to their giving when the segment reads gifts. */
function fromSql(segment: SegmentDefinition): Prisma.Sql {
  return readsGifts(segment)
    ? Prisma.sql`askable_donors a JOIN donor_gift_summaries g ON g."donorId" = a."donorId"`
    : Prisma.sql`askable_donors a`;
}

/**
 * Runs `query` in a transaction of its own (when `db` is not one already) with settings for a scan
 * of every donor: the JIT compiler off (the plans cost enough to trigger it, and compiling takes
 * longer, 100–300 ms, than the query), room for its hashes and sorts in memory (the default
 * 4 MB spills 100,000 donor ids to disk), and no nested-loop joins: every join here meets tens of
 * thousands of donors, and the planner, misjudging a set of donor ids at 200 rows, looped over an
 * index 44,000 times (the programme criterion: 770 → 440 ms on a loaded machine).
 */
async function withScanSettings<T>(db: DbClient, query: (db: DbClient) => Prisma.PrismaPromise<T>): Promise<T> {
  if (!('$transaction' in db)) return query(db);
  const [, , , result] = await db.$transaction([
    db.$executeRaw`SET LOCAL jit = off`,
    db.$executeRaw`SET LOCAL work_mem = '32MB'`,
    db.$executeRaw`SET LOCAL enable_nestloop = off`,
    query(db),
  ]);
  return result;
}

/** How many donors are in `segment`, `asOf` the reference date ("this year" is its UTC year). */
export async function countSegmentDonors({
  db = getPrisma(),
  segment,
  asOf,
}: {
  db?: DbClient;
  segment: SegmentDefinition;
  asOf: Date;
}): Promise<number> {
  const [row] = await withScanSettings(
    db,
    (client) => client.$queryRaw<{ donors: bigint }[]>`
      SELECT count(*) AS donors FROM ${fromSql(segment)} WHERE ${conditionsSql(segment, asOf)}`,
  );
  return Number(row?.donors ?? 0n);
}

export interface SegmentDonor {
  id: string;
  email: string;
  locale: string;
  displayName: string;
}

/**
 * The donors of `segment` (`asOf`: the reference date), a page at a time in id order (keyset: the next page starts
 * after the last id of this one), for the send to come.
 */
export async function listSegmentDonors({
  db = getPrisma(),
  segment,
  asOf,
  afterId = null,
  limit = 1000,
}: {
  db?: DbClient;
  segment: SegmentDefinition;
  asOf: Date;
  afterId?: string | null;
  limit?: number;
}): Promise<SegmentDonor[]> {
  const after = afterId ? Prisma.sql`AND a."donorId" > ${afterId}::uuid` : Prisma.empty;
  return withScanSettings(
    db,
    (client) => client.$queryRaw<SegmentDonor[]>`
      SELECT d.id::text AS id, d.email, d.locale, d."displayName"
        FROM ${fromSql(segment)} JOIN donors d ON d.id = a."donorId"
       WHERE ${conditionsSql(segment, asOf)} ${after}
       ORDER BY a."donorId"
       LIMIT ${limit}`,
  );
}
