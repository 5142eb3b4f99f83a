// Donors for the impact report schedule tests: gifts recorded through the ledger's own writer, then
// dated (their createdAt, which report periods count by) to fixed days of 2025, never today.
import type { ImpactReportFrequency } from '~/generated/prisma/client.ts';
import { recordPayment } from '~/ledger/payment-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
const db = () => getPrisma();
let counter = 0;

export async function createProject(code: string) {
  const programme =
    (await db().programme.findFirst({ where: { slug: 'sched' } })) ??
    (await db().programme.create({ data: { slug: 'sched', code: 'SCHED', title: title('Schedule'), mandate: title('Schedule') } }));
  const project = await db().project.create({
    data: {
      code,
      programmeId: programme.id,
      title: title(`Project ${code}`),
      description: title(code),
      countryCode: 'KE',
      regionCode: '014',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2025-01-01T00:00:00Z'),
      endDate: new Date('2026-12-31T00:00:00Z'),
    },
  });
  await db().projectRequirement.create({ data: { projectId: project.id, year: 2025, usdMinor: 10_000_000n } });
  await refreshFundingSummaries({ projectIds: [project.id] });
  return project;
}

export interface DonorSpec {
  name: string;
  frequency?: ImpactReportFrequency;
  /** Consent log entries, oldest first; none: never asked */
  consents?: readonly boolean[];
  email?: string | null;
  locale?: string;
  isErased?: boolean;
  /** Gifts earmarked to `projectId`, each recorded on the given day */
  gifts?: readonly { projectId: string; usdMinor: bigint; on: string }[];
}

export async function createDonor(spec: DonorSpec) {
  counter += 1;
  const donor = await db().donor.create({
    data: {
      type: 'INDIVIDUAL',
      displayName: spec.name,
      email: spec.email === undefined ? `${spec.name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.org` : spec.email,
      locale: spec.locale ?? 'en',
      impactReportFrequency: spec.frequency ?? 'QUARTERLY',
      erasedAt: spec.isErased ? new Date('2025-06-01T00:00:00Z') : null,
    },
  });
  for (const [index, isGranted] of (spec.consents ?? []).entries()) {
    await db().donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'IMPACT_REPORTS',
        isGranted,
        wording: 'Email me impact reports',
        locale: 'en',
        source: 'test',
        recordedAt: new Date(Date.UTC(2025, 0, 1 + index)),
      },
    });
  }
  for (const gift of spec.gifts ?? []) await recordGift(donor.id, gift);
  return donor;
}

async function recordGift(donorId: string, { projectId, usdMinor, on }: { projectId: string; usdMinor: bigint; on: string }) {
  counter += 1;
  const at = new Date(`${on}T12:00:00Z`);
  const pledge = await db().pledge.create({
    data: {
      reference: `SCH-${counter}`,
      donorId,
      frequency: 'ONCE',
      method: 'CARD',
      currency: 'USD',
      amountMinor: usdMinor,
      usdRate: '1',
      earmarkType: 'PROJECT',
      projectId,
      programmeId: null,
    },
  });
  const { payment } = await db().$transaction((tx) =>
    recordPayment({
      db: tx,
      pledge,
      instalmentId: null,
      provider: 'MANUAL',
      providerPaymentId: `sch-${counter}`,
      currency: 'USD',
      amountMinor: usdMinor,
      receivedAt: at,
    }),
  );
  // Report periods count facts by the time they were recorded: date them to the test's calendar.
  // The money tables refuse updates (append-only triggers); the test's superuser sets the
  // triggers aside for this one transaction.
  await db().$transaction([
    db().$executeRaw`SET LOCAL session_replication_role = replica`,
    db().$executeRaw`UPDATE payments SET "createdAt" = ${at} WHERE id = ${payment.id}::uuid`,
    db().$executeRaw`UPDATE allocations SET "createdAt" = ${at} WHERE "paymentId" = ${payment.id}::uuid`,
  ]);
}
