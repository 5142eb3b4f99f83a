// Read model for the IATI 2.03 files (/iati/activities.xml, /iati/organisation.xml): projects
// with their yearly requirements (budgets) and the money that came in, grouped per project,
// year and provider so the files stay small at any ledger size.
//
// Providers: allocations follow the money (rule 3 of the money model): regular-budget
// allocations come from the UN regular budget; the others from the donor of the payment.
// Anonymous donors (donor default or the pledge's choice), individuals and erased donors are
// never named in IATI: they are pooled as "private donors" (a public file must not identify a
// person). Incoming commitments are PROJECT-earmarked promises (INSTALMENTS pledges, and ONCE
// pledges not paid by card: see funding.server.ts; monthly and one-off card gifts show only as
// the money they brought) at their pinned rate (half away from zero, as the ledger); a cancelled
// or written-off pledge commits only what was actually paid on it (net of reversals), and a live
// one commits its amount less the instalments staff wrote off (decision 030).
import type { DonorType } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { LocalizedText } from '~/platform/i18n.ts';
import { exponentSql, isPromiseSql } from '~/ledger/funding-figure-queries.server.ts';
import { Prisma } from '~/generated/prisma/client.ts';
import { isoDate, toProjectBasics, type ProjectBasics } from '~/funding/project-basics.server.ts';

/** One value per date: a later row for the same date corrects the earlier (rows come oldest first). */
function latestPerDate(values: { measuredOn: string; value: string }[]) {
  return [...new Map(values.map((row) => [row.measuredOn, row])).values()];
}

export type IatiProvider =
  { kind: 'donor'; donorId: string; name: string; donorType: DonorType } | { kind: 'regular-budget' } | { kind: 'private' };

export interface IatiTransaction {
  year: number;
  /** YYYY-MM-DD: the latest fact of the group */
  date: string;
  usdMinor: bigint;
  provider: IatiProvider;
}

export interface IatiProject extends ProjectBasics {
  programmeCode: string;
  /** Latest change to the project, its requirements or its money: last-updated-datetime */
  updatedAt: Date;
  budgets: { year: number; usdMinor: bigint }[];
  commitments: IatiTransaction[];
  funds: IatiTransaction[];
  /** Impact updates, oldest first (body: the Markdown as written) */
  updates: { id: string; title: LocalizedText; body: LocalizedText; publishedOn: string }[];
  /** Result indicators by code, each with its actual values oldest first (decimals as exact strings) */
  indicators: IatiIndicator[];
}

export interface IatiIndicator {
  code: string;
  name: LocalizedText;
  unit: string;
  baseline: string;
  target: string;
  values: { measuredOn: string; value: string }[];
}

export interface IatiData {
  /** When the data last changed (latest fact or edit): the files' generated-datetime */
  asOf: Date;
  programmes: { code: string; title: LocalizedText }[];
  projects: IatiProject[];
}

type GroupRow = { project_id: string; year: number; provider: string; usd: bigint; last_on: string; last_at: Date };

// Same bucket expression for commitments and funds; `d` is the donor, `pl` the pledge (nullable).
const providerSql = Prisma.sql`CASE
  WHEN d.type = 'INDIVIDUAL' OR d."isAnonymous" OR COALESCE(pl."isAnonymous", FALSE) OR d."erasedAt" IS NOT NULL THEN 'private'
  ELSE d.id::text END`;

// A donor's edits date the files only when the files can show them: individuals are always
// 'private' there, so a person changing or erasing their profile leaves the files byte-identical.
const namedDonorChangeSql = Prisma.sql`CASE WHEN d.type <> 'INDIVIDUAL' THEN d."updatedAt" END`;

async function fundRows(db: DbClient): Promise<GroupRow[]> {
  return db.$queryRaw<GroupRow[]>`
    SELECT a."projectId"::text AS project_id, a.year::int AS year,
           CASE WHEN a."regularBudgetEntryId" IS NOT NULL THEN 'regular-budget' ELSE ${providerSql} END AS provider,
           SUM(a."usdMinor")::bigint AS usd,
           to_char(MAX(a."createdAt") AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_on,
           GREATEST(MAX(a."createdAt"), MAX(p."createdAt"), MAX(${namedDonorChangeSql})) AS last_at
    FROM allocations a
    LEFT JOIN payments p ON p.id = a."paymentId"
    LEFT JOIN pledges pl ON pl.id = p."pledgeId"
    LEFT JOIN donors d ON d.id = p."donorId"
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
}

async function commitmentRows(db: DbClient): Promise<GroupRow[]> {
  return db.$queryRaw<GroupRow[]>`
    SELECT pl."projectId"::text AS project_id, EXTRACT(YEAR FROM pl."pledgedAt" AT TIME ZONE 'UTC')::int AS year,
           ${providerSql} AS provider,
           SUM(CASE WHEN latest.kind IN ('CANCELLED', 'WRITTEN_OFF') THEN COALESCE(paid.usd, 0)
                    ELSE round((pl."amountMinor" - COALESCE(written.minor, 0)) * pl."usdRate" * power(10::numeric, 2 - ${exponentSql(Prisma.sql`pl.currency`)}))
               END)::bigint AS usd,
           to_char(MAX(pl."pledgedAt") AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_on,
           GREATEST(MAX(pl."pledgedAt"), MAX(latest."createdAt"), MAX(paid.at), MAX(written.at), MAX(${namedDonorChangeSql})) AS last_at
    FROM pledges pl
    JOIN donors d ON d.id = pl."donorId"
    LEFT JOIN LATERAL (
      SELECT e.kind, e."createdAt" FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1
    ) latest ON TRUE
    LEFT JOIN LATERAL (
      SELECT SUM(p."usdMinor" - COALESCE((SELECT SUM(r."usdMinor") FROM reversals r WHERE r."paymentId" = p.id), 0)) AS usd,
             MAX(GREATEST(p."createdAt", (SELECT MAX(r."createdAt") FROM reversals r WHERE r."paymentId" = p.id))) AS at
      FROM payments p WHERE p."pledgeId" = pl.id
    ) paid ON TRUE
    -- What staff wrote off instalment by instalment is no longer committed (decision 030).
    LEFT JOIN LATERAL (
      SELECT SUM(w."amountMinor") AS minor, MAX(w."createdAt") AS at
      FROM instalment_write_offs w JOIN pledge_instalments i ON i.id = w."instalmentId" WHERE i."pledgeId" = pl.id
    ) written ON TRUE
    WHERE pl."earmarkType" = 'PROJECT' AND ${isPromiseSql('pl')}
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
}

async function lastChange(db: DbClient): Promise<Date> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT GREATEST(
      (SELECT MAX("createdAt") FROM programmes), (SELECT MAX("updatedAt") FROM projects),
      (SELECT MAX("updatedAt") FROM project_requirements), (SELECT MAX("pledgedAt") FROM pledges),
      (SELECT MAX("createdAt") FROM pledge_events), (SELECT MAX("createdAt") FROM payments),
      (SELECT MAX("createdAt") FROM reversals), (SELECT MAX("createdAt") FROM allocations),
      (SELECT MAX("createdAt") FROM instalment_write_offs),
      (SELECT MAX("updatedAt") FROM donors d WHERE d.type <> 'INDIVIDUAL'), (SELECT MAX("createdAt") FROM impact_updates),
      (SELECT MAX("createdAt") FROM indicator_values)
    ) AS at`;
  return row?.at ?? new Date(0);
}

const latest = (dates: (Date | null)[]) =>
  new Date(Math.max(...dates.filter((date): date is Date => date instanceof Date).map((date) => date.getTime())));

/** Everything the two IATI files publish, in programme then project-code order. */
export async function getIatiData(args: { db?: DbClient } = {}): Promise<IatiData> {
  const db = args.db ?? getPrisma();
  const programmes = await db.programme.findMany({
    orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }],
    select: { id: true, code: true, title: true },
  });
  const projects = await db.project.findMany({
    orderBy: { code: 'asc' },
    include: { requirements: { orderBy: { year: 'asc' }, select: { year: true, usdMinor: true, updatedAt: true } } },
  });
  const updates = await db.impactUpdate.findMany({
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, projectId: true, title: true, body: true, publishedAt: true },
  });
  const indicators = await db.indicator.findMany({
    orderBy: { code: 'asc' },
    include: { values: { orderBy: [{ measuredOn: 'asc' }, { createdAt: 'asc' }], select: { measuredOn: true, value: true } } },
  });
  const funds = await fundRows(db);
  const commitments = await commitmentRows(db);
  const donorIds = new Set(
    [...funds, ...commitments].map((row) => row.provider).filter((id) => id !== 'private' && id !== 'regular-budget'),
  );
  const donors = await db.donor.findMany({ where: { id: { in: [...donorIds] } }, select: { id: true, displayName: true, type: true } });
  const donorById = new Map(donors.map((donor) => [donor.id, donor]));

  const provider = (key: string): IatiProvider => {
    if (key === 'regular-budget' || key === 'private') return { kind: key };
    const donor = donorById.get(key);
    return donor ? { kind: 'donor', donorId: donor.id, name: donor.displayName, donorType: donor.type } : { kind: 'private' };
  };
  const transactionsOf = (rows: GroupRow[], projectId: string): IatiTransaction[] =>
    rows
      .filter((row) => row.project_id === projectId && BigInt(row.usd) > 0n)
      .map((row) => ({ year: row.year, date: row.last_on, usdMinor: BigInt(row.usd), provider: provider(row.provider) }));

  const programmeOrder = new Map(programmes.map((programme, index) => [programme.id, index]));
  const programmeCode = new Map(programmes.map((programme) => [programme.id, programme.code]));
  const sorted = [...projects].sort((a, b) => (programmeOrder.get(a.programmeId) ?? 0) - (programmeOrder.get(b.programmeId) ?? 0));
  return {
    asOf: await lastChange(db),
    // Titles are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
    programmes: programmes.map((programme) => ({ code: programme.code, title: programme.title as LocalizedText })),
    projects: sorted.map((project) => ({
      ...toProjectBasics(project),
      programmeCode: programmeCode.get(project.programmeId) ?? '',
      updatedAt: latest([
        project.updatedAt,
        ...project.requirements.map((row) => row.updatedAt),
        ...[...funds, ...commitments].filter((row) => row.project_id === project.id).map((row) => row.last_at),
      ]),
      budgets: project.requirements.map((requirement) => ({ year: requirement.year, usdMinor: requirement.usdMinor })),
      commitments: transactionsOf(commitments, project.id),
      funds: transactionsOf(funds, project.id),
      // Texts are written by the seed and staff forms as { en, fr, ... }: a parse boundary.
      updates: updates
        .filter((update) => update.projectId === project.id)
        .map((update) => ({
          id: update.id,
          title: update.title as LocalizedText,
          body: update.body as LocalizedText,
          publishedOn: isoDate(update.publishedAt),
        })),
      indicators: indicators
        .filter((indicator) => indicator.projectId === project.id)
        .map((indicator) => ({
          code: indicator.code,
          name: indicator.name as LocalizedText,
          unit: indicator.unit,
          baseline: indicator.baseline.toFixed(),
          target: indicator.target.toFixed(),
          values: latestPerDate(indicator.values.map((row) => ({ measuredOn: isoDate(row.measuredOn), value: row.value.toFixed() }))),
        })),
    })),
  };
}
