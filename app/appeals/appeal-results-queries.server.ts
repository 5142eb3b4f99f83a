// What one appeal did (issue #15 item 6, docs/decisions/050), read from the facts: its recipients'
// emails in the outbox (sent, skipped, and what the provider said of them), consent withdrawals
// after the send, tracked-link clicks, the pledges made with the appeal's code and the money paid
// on them, and, for each block, the coverage of its programme or project over time — rebuilt from
// the allocations (append-only, dated by createdAt), since the funding summaries hold only "now".
import { Prisma } from '~/generated/prisma/client.ts';
import { figureYears } from '~/ledger/target-figure-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { findAppealById } from './appeal-by-id-queries.server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The chart starts this many days before the send, and has at most this many points. */
export const SERIES_DAYS_BEFORE = 14;
export const SERIES_MAX_POINTS = 120;

export interface AppealDelivery {
  recipients: number;
  sent: number;
  delivered: number;
  bounced: number;
  complained: number;
  skipped: number;
  failed: number;
  pending: number;
  /** Recipients sent the email who withdrew APPEALS consent at or after its sending */
  unsubscribed: number;
}

export interface AppealMoney {
  /** Pledges made with the appeal's code, and those of them made from a recipient's tracked link */
  pledges: number;
  trackedPledges: number;
  /** Payments on those pledges with something left after reversals (decision 046's "gift") */
  gifts: number;
  /** Distinct recipients with a gift on a pledge attributed to them */
  givers: number;
  /** Net of reversals, per currency in its minor units, at the ledger's pinned rates in USD */
  byCurrency: { currency: string; amountMinor: bigint; usdMinor: bigint }[];
  usdMinor: bigint;
}

export interface CoveragePoint {
  /** The UTC day (YYYY-MM-DD); its figure is as of that day's end */
  day: string;
  fundedUsdMinor: bigint;
  coverageBasisPoints: number;
}

export interface BlockCoverage {
  kind: 'programme' | 'project';
  key: string;
  title: LocalizedText;
  fromYear: number;
  toYear: number;
  requirementUsdMinor: bigint;
  /** As of the end of the day before the send (null: not sent) */
  before: CoveragePoint | null;
  now: CoveragePoint;
  series: CoveragePoint[];
}

export interface AppealResults {
  id: string;
  code: string;
  title: LocalizedText;
  status: string;
  sentAt: Date | null;
  delivery: AppealDelivery;
  clicks: { total: number; recipients: number };
  money: AppealMoney;
  blocks: BlockCoverage[];
}

const num = (value: bigint | number | null | undefined) => Number(value ?? 0);

/** The recipients' emails: by the row id the send stored, else by its idempotency key (decision 046). */
async function readDelivery(db: DbClient, appealId: string): Promise<AppealDelivery> {
  const [row] = await db.$queryRaw<Record<keyof AppealDelivery, bigint>[]>`
    WITH mail AS (
      SELECT r."donorId", COALESCE(byid.status, bykey.status) AS status,
             COALESCE(byid."deliveryOutcome", bykey."deliveryOutcome") AS outcome,
             COALESCE(byid."sentAt", bykey."sentAt") AS "sentAt"
      FROM appeal_recipients r
      LEFT JOIN email_outbox byid ON byid.id = r."emailId"
      LEFT JOIN email_outbox bykey ON r."emailId" IS NULL AND bykey."idempotencyKey" = 'appeal:' || r."appealId"::text || ':' || r."donorId"::text
      WHERE r."appealId" = ${appealId}::uuid
    )
    SELECT count(*) AS recipients,
           count(*) FILTER (WHERE status = 'SENT') AS sent,
           count(*) FILTER (WHERE outcome = 'DELIVERED') AS delivered,
           count(*) FILTER (WHERE outcome = 'BOUNCED') AS bounced,
           count(*) FILTER (WHERE outcome = 'COMPLAINED') AS complained,
           count(*) FILTER (WHERE status = 'SKIPPED') AS skipped,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           count(*) FILTER (WHERE status = 'PENDING' OR status IS NULL) AS pending,
           count(*) FILTER (WHERE status = 'SENT' AND EXISTS (
             SELECT 1 FROM donor_consents c
             WHERE c."donorId" = mail."donorId" AND c.kind = 'APPEALS' AND NOT c."isGranted" AND c."recordedAt" >= mail."sentAt"
           )) AS unsubscribed
    FROM mail`;
  return {
    recipients: num(row?.recipients),
    sent: num(row?.sent),
    delivered: num(row?.delivered),
    bounced: num(row?.bounced),
    complained: num(row?.complained),
    skipped: num(row?.skipped),
    failed: num(row?.failed),
    pending: num(row?.pending),
    unsubscribed: num(row?.unsubscribed),
  };
}

async function readClicks(db: DbClient, appealId: string) {
  const [row] = await db.$queryRaw<{ total: bigint; recipients: bigint }[]>`
    SELECT count(*) AS total, count(DISTINCT "recipientId") AS recipients FROM appeal_clicks WHERE "appealId" = ${appealId}::uuid`;
  return { total: num(row?.total), recipients: num(row?.recipients) };
}

/** Pledges with the appeal's code and the money paid on them, net of reversals. */
async function readMoney(db: DbClient, appealId: string): Promise<AppealMoney> {
  const [counts] = await db.$queryRaw<{ pledges: bigint; tracked: bigint }[]>`
    SELECT count(*) AS pledges,
           count(*) FILTER (WHERE r.id IS NOT NULL) AS tracked
    FROM pledges pl LEFT JOIN appeal_recipients r ON r.id = pl."appealRecipientId" AND r."appealId" = pl."appealId"
    WHERE pl."appealId" = ${appealId}::uuid`;
  const gifts = Prisma.sql`
    SELECT p.id, p.currency, pl."appealRecipientId", r.id AS "recipientId",
           p."amountMinor" - COALESCE(rv.amount, 0) AS "amountMinor", p."usdMinor" - COALESCE(rv.usd, 0) AS "usdMinor"
    FROM payments p
    JOIN pledges pl ON pl.id = p."pledgeId"
    LEFT JOIN appeal_recipients r ON r.id = pl."appealRecipientId" AND r."appealId" = pl."appealId"
    LEFT JOIN LATERAL (SELECT SUM(x."amountMinor") AS amount, SUM(x."usdMinor") AS usd FROM reversals x WHERE x."paymentId" = p.id) rv ON TRUE
    WHERE pl."appealId" = ${appealId}::uuid`;
  const byCurrency = await db.$queryRaw<{ currency: string; amountMinor: bigint; usdMinor: bigint }[]>`
    SELECT g.currency, SUM(g."amountMinor")::bigint AS "amountMinor", SUM(g."usdMinor")::bigint AS "usdMinor"
    FROM (${gifts}) g GROUP BY g.currency ORDER BY g.currency`;
  const [gifted] = await db.$queryRaw<{ gifts: bigint; givers: bigint }[]>`
    SELECT count(*) FILTER (WHERE g."amountMinor" > 0) AS gifts,
           count(DISTINCT g."recipientId") FILTER (WHERE g."amountMinor" > 0) AS givers
    FROM (${gifts}) g`;
  const rows = byCurrency.map((row) => ({ currency: row.currency, amountMinor: BigInt(row.amountMinor), usdMinor: BigInt(row.usdMinor) }));
  return {
    pledges: num(counts?.pledges),
    trackedPledges: num(counts?.tracked),
    gifts: num(gifted?.gifts),
    givers: num(gifted?.givers),
    byCurrency: rows,
    usdMinor: rows.reduce((sum, row) => sum + row.usdMinor, 0n),
  };
}

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** floor(funded × 10000 ÷ requirement), 0 without a requirement: the ledger's coverage (figuresFromSums). */
export function coverageOf(funded: bigint, requirement: bigint): number {
  return requirement > 0n && funded > 0n ? Number((funded * 10000n) / requirement) : 0;
}

/**
 * The funded total of a programme's or project's projects for a year range as of the end of each
 * day asked for: allocations (reversals are negative rows) recorded before the next day began.
 */
async function fundedByDay({
  db,
  scope,
  fromYear,
  toYear,
  days,
}: {
  db: DbClient;
  scope: { programmeId: string } | { projectId: string };
  fromYear: number;
  toYear: number;
  days: string[];
}): Promise<Map<string, bigint>> {
  const inScope =
    'projectId' in scope
      ? Prisma.sql`a."projectId" = ${scope.projectId}::uuid`
      : Prisma.sql`a."projectId" IN (SELECT id FROM projects WHERE "programmeId" = ${scope.programmeId}::uuid)`;
  const rows = await db.$queryRaw<{ day: string; funded: bigint }[]>`
    WITH daily AS (
      SELECT (a."createdAt" AT TIME ZONE 'UTC')::date AS day, SUM(a."usdMinor") AS v
      FROM allocations a WHERE ${inScope} AND a.year BETWEEN ${fromYear} AND ${toYear}
      GROUP BY 1
    )
    SELECT d.day::text AS day, COALESCE((SELECT SUM(v) FROM daily WHERE daily.day <= d.day), 0)::bigint AS funded
    FROM unnest(${days}::date[]) AS d(day)`;
  return new Map(rows.map((row) => [row.day, BigInt(row.funded)]));
}

async function requirementOf(db: DbClient, scope: { programmeId: string } | { projectId: string }, fromYear: number, toYear: number) {
  const inScope =
    'projectId' in scope
      ? Prisma.sql`r."projectId" = ${scope.projectId}::uuid`
      : Prisma.sql`r."projectId" IN (SELECT id FROM projects WHERE "programmeId" = ${scope.programmeId}::uuid)`;
  const [row] = await db.$queryRaw<{ v: bigint }[]>`
    SELECT COALESCE(SUM(r."usdMinor"), 0)::bigint AS v FROM project_requirements r WHERE ${inScope} AND r.year BETWEEN ${fromYear} AND ${toYear}`;
  return BigInt(row?.v ?? 0n);
}

/** The days of the chart: from two weeks before the send (or before `now`) to `now`, at most SERIES_MAX_POINTS, `now`'s day last. */
export function seriesDays({ sentAt, now }: { sentAt: Date | null; now: Date }): string[] {
  const start = Date.parse(`${dayOf(new Date((sentAt ?? now).getTime() - SERIES_DAYS_BEFORE * DAY_MS))}T00:00:00Z`);
  const end = Date.parse(`${dayOf(now)}T00:00:00Z`);
  const span = Math.max(0, Math.round((end - start) / DAY_MS));
  const step = Math.max(1, Math.ceil(span / (SERIES_MAX_POINTS - 1)));
  const days: string[] = [];
  for (let offset = span; offset >= 0; offset -= step) days.unshift(dayOf(new Date(start + offset * DAY_MS)));
  return days;
}

async function readBlockCoverage(db: DbClient, appealId: string, sentAt: Date | null, now: Date): Promise<BlockCoverage[]> {
  const blocks = await db.appealBlock.findMany({
    where: { appealId },
    orderBy: { position: 'asc' },
    select: {
      programme: { select: { id: true, slug: true, title: true } },
      project: { select: { id: true, code: true, title: true, startDate: true, endDate: true } },
    },
  });
  const days = seriesDays({ sentAt, now });
  const dayBefore = sentAt ? dayOf(new Date(Date.parse(`${dayOf(sentAt)}T00:00:00Z`) - DAY_MS)) : null;
  const asked = dayBefore && !days.includes(dayBefore) ? [dayBefore, ...days] : days;
  // A programme's figures are those of the send's year, as its email showed; a project's its life.
  const year = (sentAt ?? now).getUTCFullYear();
  const results = await Promise.all(
    blocks.map(async (block): Promise<BlockCoverage | null> => {
      const target = block.project
        ? {
            kind: 'project' as const,
            key: block.project.code,
            title: block.project.title,
            scope: { projectId: block.project.id },
            ...figureYears({ kind: 'project', ...block.project }, year),
          }
        : block.programme
          ? {
              kind: 'programme' as const,
              key: block.programme.slug,
              title: block.programme.title,
              scope: { programmeId: block.programme.id },
              ...figureYears({ kind: 'programme', id: block.programme.id }, year),
            }
          : null;
      if (!target) return null;
      const [requirement, funded] = await Promise.all([
        requirementOf(db, target.scope, target.fromYear, target.toYear),
        fundedByDay({ db, scope: target.scope, fromYear: target.fromYear, toYear: target.toYear, days: asked }),
      ]);
      const point = (day: string): CoveragePoint => {
        const value = funded.get(day) ?? 0n;
        return { day, fundedUsdMinor: value, coverageBasisPoints: coverageOf(value, requirement) };
      };
      const series = days.map(point);
      return {
        kind: target.kind,
        key: target.key,
        // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
        title: target.title as LocalizedText,
        fromYear: target.fromYear,
        toYear: target.toYear,
        requirementUsdMinor: requirement,
        before: dayBefore ? point(dayBefore) : null,
        now: series[series.length - 1] ?? point(dayOf(now)),
        series,
      };
    }),
  );
  return results.filter((block): block is BlockCoverage => block !== null);
}

/** Everything the results page shows for one appeal, as of `now`; null when there is no such appeal. */
export async function getAppealResults({
  appealId,
  now = new Date(),
  db = getPrisma(),
}: {
  appealId: string;
  now?: Date;
  db?: DbClient;
}): Promise<AppealResults | null> {
  const appeal = await findAppealById({
    id: appealId,
    db,
    select: { id: true, slug: true, title: true, status: true, sentAt: true },
  });
  if (!appeal) return null;
  const [delivery, clicks, money, blocks] = await Promise.all([
    readDelivery(db, appealId),
    readClicks(db, appealId),
    readMoney(db, appealId),
    readBlockCoverage(db, appealId, appeal.sentAt, now),
  ]);
  return {
    id: appeal.id,
    code: appeal.slug,
    // Titles are written by the composer as { en, fr, ... }: a parse boundary.
    title: appeal.title as LocalizedText,
    status: appeal.status,
    sentAt: appeal.sentAt,
    delivery,
    clicks,
    money,
    blocks,
  };
}
