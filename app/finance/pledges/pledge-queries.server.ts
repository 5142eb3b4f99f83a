// Institutional pledges as finance reads them (issue #12 item 4): a list with what was paid and
// what is open per pledge, one pledge with its schedule and payments, and the choices the
// recording form offers (institutional donors, programmes, projects). Amounts in the pledge's
// currency; paid is net of reversals.
import { Prisma } from '~/generated/prisma/client.ts';
import { INSTITUTIONAL_DONOR_TYPES, type InstitutionalDonorType } from '~/ledger/institutional-pledge-commands.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface PledgeListRow {
  id: string;
  reference: string;
  donorId: string;
  donorName: string;
  donorType: InstitutionalDonorType;
  currency: string;
  amountMinor: bigint;
  paidMinor: bigint;
  openMinor: bigint;
  nextDueOn: Date | null;
  /** The latest status event (CANCELLED, WRITTEN_OFF, REINSTATED) or null */
  latestEvent: string | null;
  pledgedAt: Date;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Per instalment: what payments settled, net of their reversals.
const settledSql = Prisma.sql`
  SELECT i.id, i."pledgeId", i.sequence, i."dueOn", i."amountMinor",
         COALESCE((SELECT SUM(p."amountMinor" - COALESCE((SELECT SUM(r."amountMinor") FROM reversals r WHERE r."paymentId" = p.id), 0))
                     FROM payments p WHERE p."instalmentId" = i.id), 0)::bigint AS paid
  FROM pledge_instalments i`;

/** Matches counted at most: beyond it the list says "more than" (counting 80,000 took 240 ms). */
export const PLEDGE_COUNT_CAP = 10_000;

/** One page of institutional pledges, newest document first, with how many match (null: more than the cap). */
export async function listInstitutionalPledges({
  db = getPrisma(),
  type,
  query,
  limit,
  offset,
  countCap = PLEDGE_COUNT_CAP,
}: {
  db?: DbClient;
  type: InstitutionalDonorType | null;
  query: string;
  limit: number;
  offset: number;
  countCap?: number;
}): Promise<{ rows: PledgeListRow[]; total: number | null }> {
  const types = type ? [type] : [...INSTITUTIONAL_DONOR_TYPES];
  const text = query.trim();
  const where = Prisma.sql`d.type = ANY(${types}::"DonorType"[])
    ${text ? Prisma.sql`AND (d."displayName" ILIKE ${likePattern(text)} OR pl.reference ILIKE ${likePattern(text)} OR pl."documentReference" ILIKE ${likePattern(text)})` : Prisma.empty}`;
  const [count] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*)::bigint AS n FROM (
      SELECT 1 FROM pledges pl JOIN donors d ON d.id = pl."donorId" WHERE ${where} LIMIT ${countCap + 1}
    ) matching`;
  const rows = await db.$queryRaw<PledgeListRow[]>`
    SELECT pl.id::text AS id, pl.reference, d.id::text AS "donorId", d."displayName" AS "donorName", d.type::text AS "donorType",
           pl.currency, pl."amountMinor", pl."pledgedAt",
           COALESCE(s.paid, 0)::bigint AS "paidMinor", COALESCE(s.open, 0)::bigint AS "openMinor", s.next AS "nextDueOn",
           (SELECT e.kind::text FROM pledge_events e WHERE e."pledgeId" = pl.id ORDER BY e."createdAt" DESC, e.id DESC LIMIT 1) AS "latestEvent"
    FROM pledges pl JOIN donors d ON d.id = pl."donorId"
    LEFT JOIN LATERAL (
      SELECT SUM(x.paid)::bigint AS paid, SUM(GREATEST(x."amountMinor" - x.paid, 0))::bigint AS open,
             MIN(x."dueOn") FILTER (WHERE x."amountMinor" > x.paid) AS next
      FROM (${settledSql} WHERE i."pledgeId" = pl.id) x
    ) s ON TRUE
    WHERE ${where}
    ORDER BY pl."pledgedAt" DESC, pl.id
    LIMIT ${limit} OFFSET ${offset}`;
  const total = Number(count?.n ?? 0n);
  return { rows: rows.map((row) => ({ ...row, currency: row.currency.trim() })), total: total > countCap ? null : total };
}

/** One pledge with donor, earmark, instalments (each with what was paid) and its payments, by reference. */
export async function getInstitutionalPledge({ db = getPrisma(), reference }: { db?: DbClient; reference: string }) {
  const pledge = await db.pledge.findUnique({
    where: { reference },
    include: {
      donor: true,
      programme: { select: { code: true, title: true } },
      project: { select: { code: true, title: true } },
      events: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
      payments: {
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        include: { reversals: { select: { amountMinor: true } }, instalment: { select: { sequence: true } } },
      },
    },
  });
  if (!pledge || !(INSTITUTIONAL_DONOR_TYPES as readonly string[]).includes(pledge.donor.type)) return null;
  const instalments = await db.$queryRaw<{ id: string; sequence: number; dueOn: Date; amountMinor: bigint; paid: bigint }[]>`
    SELECT x.id::text AS id, x.sequence, x."dueOn", x."amountMinor", x.paid
    FROM (${settledSql} WHERE i."pledgeId" = ${pledge.id}::uuid) x ORDER BY x."dueOn", x.sequence`;
  return { ...pledge, currency: pledge.currency.trim(), instalments };
}

/**
 * Institutional donors to choose from, by name: those whose name or organisation holds `query`
 * (trigram indexes), at most `limit`, and the one already chosen; `total` counts every match.
 * There are tens of thousands at scale: the form lists a search's matches, never all of them.
 */
export async function listInstitutionalDonors({
  db = getPrisma(),
  query,
  chosenId,
  limit,
}: {
  db?: DbClient;
  query: string;
  chosenId: string | null;
  limit: number;
}) {
  const where = {
    type: { in: [...INSTITUTIONAL_DONOR_TYPES] },
    erasedAt: null,
    ...(query
      ? {
          OR: [
            { displayName: { contains: query, mode: 'insensitive' as const } },
            { organisationName: { contains: query, mode: 'insensitive' as const } },
          ],
        }
      : {}),
  };
  const select = { id: true, displayName: true, type: true, countryCode: true };
  const [donors, total, chosen] = await Promise.all([
    db.donor.findMany({ where, select, orderBy: [{ displayName: 'asc' }, { id: 'asc' }], take: limit }),
    db.donor.count({ where }),
    chosenId ? db.donor.findFirst({ where: { id: chosenId, type: { in: [...INSTITUTIONAL_DONOR_TYPES] }, erasedAt: null }, select }) : null,
  ]);
  const shown = chosen && !donors.some((donor) => donor.id === chosen.id) ? [chosen, ...donors] : donors;
  return { donors: shown, total };
}

/** Programmes and projects a pledge may be earmarked to. */
export async function listEarmarkChoices({ db = getPrisma() }: { db?: DbClient } = {}) {
  const [programmes, projects] = await Promise.all([
    db.programme.findMany({ select: { id: true, code: true, title: true }, orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] }),
    db.project.findMany({ select: { id: true, code: true, title: true }, orderBy: { code: 'asc' } }),
  ]);
  return { programmes, projects };
}

/** Whether the reference names a pledge of an institution (the only ones these pages act on). */
export async function isInstitutionalPledge({ db = getPrisma(), reference }: { db?: DbClient; reference: string }): Promise<boolean> {
  const pledge = await db.pledge.findUnique({ where: { reference }, select: { donor: { select: { type: true } } } });
  return pledge !== null && (INSTITUTIONAL_DONOR_TYPES as readonly string[]).includes(pledge.donor.type);
}
