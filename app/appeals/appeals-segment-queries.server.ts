// The donors of a segment (issue #15 item 1), counted for the officer's live count and listed for
// the send to come, by one SQL statement built from the definition (segment-definition.ts). The
// rules every segment keeps, whatever its criteria (docs/decisions/046):
// - appeal consent: the donor's latest word on APPEALS in the consent log is a grant
//   (latestConsentSql, the rule the outbox applies again at send time, decision 034);
// - an address that bounced or complained (email_suppressions) is never in a segment;
// - erased donors, donors without an address, and donors whose profile no payment has confirmed
//   yet (decision 022: an address typed on the give form, never paid from) are not either.
// A gift is a payment net of its reversals above zero: a refunded gift is no gift. Every count
// counts donors, once each, however many payments they made.
import { Prisma } from '~/generated/prisma/client.ts';
import { latestConsentSql } from '~/platform/consent-queries.server.ts';
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
 * SQL: one row per donor with a gift up to `asOf` — when they last gave, what they gave in all
 * (USD minor, net of reversals), in which years relative to `asOf`'s, and whether a gift went to
 * the segment's programmes or projects. Only built when the segment reads gifts.
 */
function givingSql(segment: SegmentDefinition, asOf: Date): Prisma.Sql {
  const year = asOf.getUTCFullYear();
  const thisYear = startOfUtcYear(year);
  const lastYear = startOfUtcYear(year - 1);
  const hasScope = segment.programmeIds.length > 0 || segment.projectIds.length > 0;
  // A programme is funded by gifts earmarked to it or to any of its projects (a project gift may
  // carry no programme id: its project's programme is the programme).
  const funded = hasScope
    ? Prisma.sql`bool_or(p."programmeId" = ANY(${segment.programmeIds}::uuid[])
                    OR p."projectId" = ANY(${segment.projectIds}::uuid[])
                    OR p."projectId" IN (SELECT id FROM projects WHERE "programmeId" = ANY(${segment.programmeIds}::uuid[])))`
    : Prisma.sql`false`;
  return Prisma.sql`
    SELECT p."donorId" AS donor_id,
           max(p."receivedAt") AS last_at,
           sum(p."usdMinor" - COALESCE(r.usd, 0)) AS total,
           bool_or(p."receivedAt" >= ${thisYear}) AS this_year,
           bool_or(p."receivedAt" >= ${lastYear} AND p."receivedAt" < ${thisYear}) AS last_year,
           bool_or(p."receivedAt" < ${thisYear}) AS before_this_year,
           ${funded} AS funded
      FROM payments p
      LEFT JOIN (SELECT "paymentId", sum("usdMinor") AS usd FROM reversals GROUP BY "paymentId") r ON r."paymentId" = p.id
     WHERE p."receivedAt" <= ${asOf}
       AND p."usdMinor" - COALESCE(r.usd, 0) > 0
     GROUP BY p."donorId"`;
}

/**
 * SQL: the donor `d` has a pledge of `frequency` running now (and, for a monthly gift, one that has
 * paid). Unlike gifts, this is today's state, not the reference date's: a send asks who gives monthly now.
 */
function frequencySql(frequency: SegmentDefinition['frequencies'][number]): Prisma.Sql {
  const latestEvent = Prisma.sql`(SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1)`;
  const notEnded = Prisma.sql`COALESCE(${latestEvent}, '') NOT IN ('CANCELLED', 'WRITTEN_OFF')`;
  if (frequency === 'INSTALMENTS') {
    return Prisma.sql`EXISTS (SELECT 1 FROM pledges pl WHERE pl."donorId" = d.id AND pl.frequency = 'INSTALMENTS' AND ${notEnded})`;
  }
  // A monthly gift runs until it is cancelled by us, by the donor at Stripe, or by Stripe itself
  // (the states app/giving/monthly-gift-queries.server.ts reads); one never paid never started.
  return Prisma.sql`EXISTS (SELECT 1 FROM pledges pl WHERE pl."donorId" = d.id AND pl.frequency = 'MONTHLY' AND ${notEnded}
      AND NOT EXISTS (SELECT 1 FROM monthly_gift_changes m WHERE m."pledgeId" = pl.id AND m.kind = 'CANCELLED')
      AND NOT EXISTS (SELECT 1 FROM checkout_sessions c WHERE c."pledgeId" = pl.id AND c."subscriptionStatus" IN ('canceled', 'incomplete_expired'))
      AND EXISTS (SELECT 1 FROM payments p WHERE p."pledgeId" = pl.id
                   AND p."usdMinor" > COALESCE((SELECT sum(r."usdMinor") FROM reversals r WHERE r."paymentId" = p.id), 0)))`;
}

/** SQL: the conditions on donor `d` (and, when the segment reads gifts, its giving row `g`). */
function conditionsSql(segment: SegmentDefinition, asOf: Date): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`d."erasedAt" IS NULL`,
    Prisma.sql`d.email IS NOT NULL`,
    Prisma.sql`NOT d."isProfilePending"`,
    // Addresses are stored lower-cased on both sides: the primary key finds it.
    Prisma.sql`NOT EXISTS (SELECT 1 FROM email_suppressions s WHERE s.address = d.email)`,
  ];
  if (segment.donorTypes.length > 0) conditions.push(Prisma.sql`d.type::text = ANY(${segment.donorTypes}::text[])`);
  if (segment.locales.length > 0) conditions.push(Prisma.sql`d.locale = ANY(${segment.locales}::text[])`);
  const countries = countriesOf(segment);
  if (segment.countries.length > 0 || segment.regions.length > 0) conditions.push(Prisma.sql`d."countryCode" = ANY(${countries}::text[])`);

  if (segment.lastGift === 'THIS_YEAR') conditions.push(Prisma.sql`g.this_year`);
  if (segment.lastGift === 'LYBUNT') conditions.push(Prisma.sql`g.last_year AND NOT g.this_year`);
  if (segment.lastGift === 'SYBUNT') conditions.push(Prisma.sql`g.before_this_year AND NOT g.this_year`);
  if (segment.lastGiftFrom) conditions.push(Prisma.sql`g.last_at >= ${new Date(`${segment.lastGiftFrom}T00:00:00Z`)}`);
  if (segment.lastGiftTo) conditions.push(Prisma.sql`g.last_at < ${new Date(Date.parse(`${segment.lastGiftTo}T00:00:00Z`) + DAY_MS)}`);
  if (segment.totalMinUsdMinor !== undefined) conditions.push(Prisma.sql`g.total >= ${BigInt(segment.totalMinUsdMinor)}`);
  if (segment.totalBelowUsdMinor !== undefined) conditions.push(Prisma.sql`g.total < ${BigInt(segment.totalBelowUsdMinor)}`);
  if (segment.programmeIds.length > 0 || segment.projectIds.length > 0) {
    // Funded by an earmarked gift, or by pooled money of theirs that staff allocated to the
    // programme's projects (donor_allocation_summaries: allocated money per project and donor).
    conditions.push(Prisma.sql`(g.funded OR EXISTS (
      SELECT 1 FROM donor_allocation_summaries a
       WHERE a."donorId" = d.id AND a."allocatedUsdMinor" > 0
         AND (a."projectId" = ANY(${segment.projectIds}::uuid[])
              OR a."projectId" IN (SELECT id FROM projects WHERE "programmeId" = ANY(${segment.programmeIds}::uuid[])))))`);
  }
  if (segment.frequencies.length > 0) {
    conditions.push(Prisma.sql`(${Prisma.join(
      segment.frequencies.map((frequency) => frequencySql(frequency)),
      ' OR ',
    )})`);
  }
  // Last, so the cheaper conditions above have narrowed the donors whose consent log is read.
  conditions.push(Prisma.sql`${latestConsentSql('d.id', 'APPEALS')} IS TRUE`);
  return Prisma.join(conditions, ' AND ');
}

/** SQL: FROM donors d, joined to their giving when the segment reads gifts. */
function fromSql(segment: SegmentDefinition, asOf: Date): Prisma.Sql {
  return readsGifts(segment) ? Prisma.sql`donors d JOIN (${givingSql(segment, asOf)}) g ON g.donor_id = d.id` : Prisma.sql`donors d`;
}

/**
 * How many donors are in `segment` as of `asOf` (the reference date: "this year" is its UTC year,
 * and nothing after it counts).
 */
export async function countSegmentDonors({
  db = getPrisma(),
  segment,
  asOf,
}: {
  db?: DbClient;
  segment: SegmentDefinition;
  asOf: Date;
}): Promise<number> {
  const [row] = await db.$queryRaw<{ donors: bigint }[]>`
    SELECT count(*) AS donors FROM ${fromSql(segment, asOf)} WHERE ${conditionsSql(segment, asOf)}`;
  return Number(row?.donors ?? 0n);
}

export interface SegmentDonor {
  id: string;
  email: string;
  locale: string;
  displayName: string;
}

/**
 * The donors of `segment` as of `asOf`, a page at a time in id order (keyset: the next page starts
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
  const after = afterId ? Prisma.sql`AND d.id > ${afterId}::uuid` : Prisma.empty;
  return db.$queryRaw<SegmentDonor[]>`
    SELECT d.id::text AS id, d.email, d.locale, d."displayName"
      FROM ${fromSql(segment, asOf)}
     WHERE ${conditionsSql(segment, asOf)} ${after}
     ORDER BY d.id
     LIMIT ${limit}`;
}
