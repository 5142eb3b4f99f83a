// "My data" (issue #14 item 8): everything the portal holds about one donor, as JSON (complete,
// machine-readable: GDPR art. 20) and as CSV (their money movements, for a spreadsheet). Amounts
// are decimal strings in the currency's own exponent beside the integer minor units, so nothing
// is rounded and nothing needs the reader to know ISO 4217.
import { CSV_BOM, CsvDecimal, toCsv } from '~/platform/csv.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { minorToDecimalString } from '~/platform/money.ts';

const money = (minor: bigint, currency: string) => ({ currency, minor: minor.toString(), amount: minorToDecimalString(minor, currency) });
const usd = (minor: bigint) => money(minor, 'USD');

async function readDonorData(db: DbClient, donorId: string) {
  return db.donor.findUnique({
    where: { id: donorId },
    select: {
      id: true,
      type: true,
      email: true,
      displayName: true,
      givenName: true,
      familyName: true,
      organisationName: true,
      organisationId: true,
      countryCode: true,
      locale: true,
      isAnonymous: true,
      impactReportFrequency: true,
      createdAt: true,
      erasedAt: true,
      consents: {
        orderBy: { recordedAt: 'asc' },
        select: { kind: true, isGranted: true, wording: true, locale: true, source: true, recordedAt: true },
      },
      pledges: {
        orderBy: { pledgedAt: 'asc' },
        select: {
          reference: true,
          frequency: true,
          method: true,
          currency: true,
          amountMinor: true,
          earmarkType: true,
          programme: { select: { code: true } },
          project: { select: { code: true } },
          isAnonymous: true,
          dedication: true,
          coversFee: true,
          pledgedAt: true,
          donorDetails: {
            select: {
              type: true,
              displayName: true,
              givenName: true,
              familyName: true,
              organisationName: true,
              organisationId: true,
              countryCode: true,
              locale: true,
            },
          },
          instalments: { orderBy: { dueOn: 'asc' }, select: { dueOn: true, amountMinor: true } },
          events: { orderBy: { createdAt: 'asc' }, select: { kind: true, reason: true, createdAt: true } },
        },
      },
      payments: {
        orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
        select: {
          id: true,
          pledge: { select: { reference: true } },
          method: true,
          currency: true,
          amountMinor: true,
          feeMinor: true,
          usdMinor: true,
          earmarkType: true,
          receivedAt: true,
          reversals: { orderBy: { createdAt: 'asc' }, select: { kind: true, amountMinor: true, usdMinor: true, createdAt: true } },
        },
      },
      impactReports: { orderBy: { period: 'asc' }, select: { period: true, status: true, createdAt: true } },
      emails: { orderBy: { createdAt: 'asc' }, select: { template: true, status: true, createdAt: true, sentAt: true } },
    },
  });
}

type DonorData = NonNullable<Awaited<ReturnType<typeof readDonorData>>>;

function exportPledge({ amountMinor, instalments, programme, project, ...pledge }: DonorData['pledges'][number]) {
  return {
    ...pledge,
    amount: money(amountMinor, pledge.currency),
    programme: programme?.code ?? null,
    project: project?.code ?? null,
    instalments: instalments.map((instalment) => ({ dueOn: instalment.dueOn, amount: money(instalment.amountMinor, pledge.currency) })),
  };
}

function exportPayment({ amountMinor, feeMinor, usdMinor, reversals, pledge, ...payment }: DonorData['payments'][number]) {
  return {
    ...payment,
    pledge: pledge?.reference ?? null,
    amount: money(amountMinor, payment.currency),
    feeCovered: money(feeMinor, payment.currency),
    usd: usd(usdMinor),
    reversals: reversals.map((reversal) => ({
      kind: reversal.kind,
      createdAt: reversal.createdAt,
      amount: money(reversal.amountMinor, payment.currency),
      usd: usd(reversal.usdMinor),
    })),
  };
}

export interface DonorDataExport {
  exportedAt: string;
  donor: Omit<DonorData, 'consents' | 'pledges' | 'payments' | 'impactReports' | 'emails'>;
  consents: DonorData['consents'];
  pledges: ReturnType<typeof exportPledge>[];
  payments: ReturnType<typeof exportPayment>[];
  impactReports: DonorData['impactReports'];
  emails: DonorData['emails'];
}

/** The donor's data as one JSON-ready object, or null for an unknown donor. */
export async function exportDonorData({
  db,
  donorId,
  now = new Date(),
}: {
  db: DbClient;
  donorId: string;
  now?: Date;
}): Promise<DonorDataExport | null> {
  const data = await readDonorData(db, donorId);
  if (!data) return null;
  const { consents, pledges, payments, impactReports, emails, ...donor } = data;
  return {
    exportedAt: now.toISOString(),
    donor,
    consents,
    pledges: pledges.map(exportPledge),
    payments: payments.map(exportPayment),
    impactReports,
    emails,
  };
}

/** JSON text of the export: BigInts never reach it (amounts are strings above). */
export function donorDataJson(data: DonorDataExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

const CSV_COLUMNS = ['date', 'kind', 'pledge', 'method', 'currency', 'amount', 'amount_minor', 'usd', 'usd_minor'] as const;

/** The donor's money movements, one row each, oldest first: gifts (payments) and what was given back (reversals, negative). */
export function donorDataCsv(data: DonorDataExport): string {
  const negative = (value: ReturnType<typeof money>) => ({ ...value, minor: `-${value.minor}`, amount: `-${value.amount}` });
  const movements = data.payments.flatMap((payment) => [
    { date: payment.receivedAt, kind: 'PAYMENT', payment, amount: payment.amount, usd: payment.usd },
    ...payment.reversals.map((reversal) => ({
      date: reversal.createdAt,
      kind: reversal.kind,
      payment,
      amount: negative(reversal.amount),
      usd: negative(reversal.usd),
    })),
  ]);
  movements.sort((a, b) => a.date.getTime() - b.date.getTime());
  const rows = movements.map(({ date, kind, payment, amount, usd: inUsd }) => [
    date.toISOString(),
    kind,
    payment.pledge,
    payment.method,
    amount.currency,
    new CsvDecimal(amount.amount),
    BigInt(amount.minor),
    new CsvDecimal(inUsd.amount),
    BigInt(inUsd.minor),
  ]);
  return CSV_BOM + toCsv(CSV_COLUMNS, rows);
}
