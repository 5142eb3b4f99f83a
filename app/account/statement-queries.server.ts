// A signed-in donor's statement (issue #14 item 5): the payments they made and the money given back
// (refunds, disputes) within a range of UTC days, from the ledger's own rows. Like every account
// query, bounded by the donor's id from the session, never by anything in the request.
import type { EarmarkSummary } from './giving-history-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export interface StatementGift {
  paymentId: string;
  receivedAt: string;
  currency: string;
  amountMinor: bigint;
  usdMinor: bigint;
  method: string;
  instalmentSequence: number | null;
  earmark: EarmarkSummary;
  pledge: { reference: string; frequency: 'ONCE' | 'MONTHLY' | 'INSTALMENTS'; coversFee: boolean; amountMinor: bigint } | null;
}

export interface StatementReversal {
  id: string;
  paymentId: string;
  at: string;
  kind: string;
  currency: string;
  /** Money given back (positive), or given back again to the programme (negative: a dispute won). */
  amountMinor: bigint;
  usdMinor: bigint;
  reference: string | null;
}

export interface StatementData {
  donor: {
    displayName: string;
    type: string;
    organisationName: string | null;
    organisationId: string | null;
    givenName: string | null;
    familyName: string | null;
  };
  gifts: StatementGift[];
  reversals: StatementReversal[];
}

type TitledScope = { programme: { title: unknown } | null; project: { code: string; title: unknown } | null; earmarkType: string };

function earmarkOf(row: TitledScope): EarmarkSummary {
  if (row.earmarkType === 'PROJECT' && row.project) return { kind: 'project', code: row.project.code, title: row.project.title };
  if (row.earmarkType === 'PROGRAMME' && row.programme) return { kind: 'programme', title: row.programme.title };
  return { kind: 'general' };
}

/**
 * The donor's payments received in [from, until) and the reversals of their payments recorded in
 * the same span, oldest first. Both bounds are instants (the caller turns UTC days into them).
 */
export async function getDonorStatement({
  db = getPrisma(),
  donorId,
  from,
  until,
}: {
  db?: DbClient;
  donorId: string;
  from: Date;
  until: Date;
}): Promise<StatementData> {
  const [donor, payments, reversals] = await Promise.all([
    db.donor.findUniqueOrThrow({
      where: { id: donorId },
      select: { displayName: true, type: true, organisationName: true, organisationId: true, givenName: true, familyName: true },
    }),
    db.payment.findMany({
      where: { donorId, receivedAt: { gte: from, lt: until } },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      include: {
        programme: { select: { title: true } },
        project: { select: { code: true, title: true } },
        instalment: { select: { sequence: true } },
        pledge: { select: { reference: true, frequency: true, coversFee: true, amountMinor: true } },
      },
    }),
    db.reversal.findMany({
      // A lost dispute's final row moves no money (decision 017): nothing to list.
      where: { payment: { donorId }, createdAt: { gte: from, lt: until }, amountMinor: { not: 0n } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: { payment: { select: { currency: true, pledge: { select: { reference: true } } } } },
    }),
  ]);
  return {
    donor,
    gifts: payments.map((payment) => ({
      paymentId: payment.id,
      receivedAt: payment.receivedAt.toISOString(),
      currency: payment.currency,
      amountMinor: payment.amountMinor,
      usdMinor: payment.usdMinor,
      method: payment.method,
      instalmentSequence: payment.instalment?.sequence ?? null,
      earmark: earmarkOf(payment),
      pledge: payment.pledge,
    })),
    reversals: reversals.map((reversal) => ({
      id: reversal.id,
      paymentId: reversal.paymentId,
      at: reversal.createdAt.toISOString(),
      kind: reversal.kind,
      currency: reversal.payment.currency,
      amountMinor: reversal.amountMinor,
      usdMinor: reversal.usdMinor,
      reference: reversal.payment.pledge?.reference ?? null,
    })),
  };
}

/** The UTC years in which the donor gave or was given money back, newest first (for the yearly statements). */
export async function listStatementYears({ db = getPrisma(), donorId }: { db?: DbClient; donorId: string }): Promise<number[]> {
  const rows = await db.$queryRaw<{ year: number }[]>`
    SELECT DISTINCT EXTRACT(YEAR FROM at AT TIME ZONE 'UTC')::int AS year FROM (
      SELECT "receivedAt" AS at FROM payments WHERE "donorId" = ${donorId}::uuid
      UNION ALL
      SELECT r."createdAt" FROM reversals r JOIN payments p ON p.id = r."paymentId"
      WHERE p."donorId" = ${donorId}::uuid AND r."amountMinor" <> 0
    ) moves ORDER BY year DESC`;
  return rows.map((row) => row.year);
}
