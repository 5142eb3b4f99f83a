// Donors for the segment tests: gifts, refunds and cancellations recorded through the ledger's own
// writers on fixed days (never today), consent entries dated in order.
import type { DonorType, PledgeFrequency } from '~/generated/prisma/client.ts';
import { recordPayment, recordReversal } from '~/ledger/payment-commands.server.ts';
import { cancelPledge } from '~/ledger/pledge-commands.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const title = (en: string) => ({ en, fr: en, es: en, ru: en, zh: en, ar: en });
const db = () => getPrisma();
let counter = 0;

export async function createProgramme(slug: string) {
  return db().programme.create({ data: { slug, code: slug.toUpperCase(), title: title(slug), mandate: title(slug) } });
}

export async function createProject(code: string, programmeId: string) {
  const project = await db().project.create({
    data: {
      code,
      programmeId,
      title: title(`Project ${code}`),
      description: title(code),
      countryCode: 'KE',
      regionCode: '014',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2022-01-01T00:00:00Z'),
      endDate: new Date('2028-12-31T00:00:00Z'),
    },
  });
  for (const year of [2022, 2023, 2024, 2025, 2026, 2027])
    await db().projectRequirement.create({ data: { projectId: project.id, year, usdMinor: 100_000_000n } });
  return project;
}

export interface GiftSpec {
  on: string;
  usdMinor: bigint;
  projectId?: string;
  programmeId?: string;
  frequency?: PledgeFrequency;
  /** Taken back (a refund) by this much, in USD minor units */
  refundedUsdMinor?: bigint;
  isCancelled?: boolean;
  /** A pledge and no payment (a monthly gift whose checkout never completed, instalments not yet paid) */
  isUnpaid?: boolean;
}

export interface DonorSpec {
  name: string;
  type?: DonorType;
  countryCode?: string | null;
  locale?: string;
  /** APPEALS consent entries, oldest first; default one grant; [] never asked */
  consents?: readonly boolean[];
  email?: string | null;
  isErased?: boolean;
  isSuppressed?: boolean;
  isProfilePending?: boolean;
  gifts?: readonly GiftSpec[];
}

export async function createDonor(spec: DonorSpec) {
  counter += 1;
  const email = spec.email === undefined ? `${spec.name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.org` : spec.email;
  const donor = await db().donor.create({
    data: {
      type: spec.type ?? 'INDIVIDUAL',
      displayName: spec.name,
      email,
      countryCode: spec.countryCode === undefined ? 'KE' : spec.countryCode,
      locale: spec.locale ?? 'en',
      erasedAt: spec.isErased ? new Date('2025-06-01T00:00:00Z') : null,
      isProfilePending: spec.isProfilePending ?? false,
    },
  });
  for (const [index, isGranted] of (spec.consents ?? [true]).entries()) {
    await db().donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'APPEALS',
        isGranted,
        wording: 'Email me appeals',
        locale: 'en',
        source: 'test',
        recordedAt: new Date(Date.UTC(2024, 0, 1 + index)),
      },
    });
  }
  if (spec.isSuppressed && email) await db().emailSuppression.create({ data: { address: email, reason: 'HARD_BOUNCE' } });
  for (const gift of spec.gifts ?? []) await recordGift(donor.id, gift);
  return donor;
}

async function recordGift(donorId: string, gift: GiftSpec) {
  counter += 1;
  const at = new Date(`${gift.on}T12:00:00Z`);
  const earmarkType = gift.projectId ? 'PROJECT' : gift.programmeId ? 'PROGRAMME' : 'GENERAL_PURPOSE';
  const pledge = await db().pledge.create({
    data: {
      reference: `SEG-${counter}`,
      donorId,
      frequency: gift.frequency ?? 'ONCE',
      method: 'CARD',
      currency: 'USD',
      amountMinor: gift.usdMinor,
      usdRate: '1',
      earmarkType,
      projectId: gift.projectId ?? null,
      programmeId: gift.projectId ? null : (gift.programmeId ?? null),
      pledgedAt: at,
    },
  });
  if (pledge.frequency === 'INSTALMENTS') {
    // Three yearly instalments, as the give form schedules them.
    const third = gift.usdMinor / 3n;
    for (const sequence of [1, 2, 3]) {
      await db().pledgeInstalment.create({
        data: {
          pledgeId: pledge.id,
          sequence,
          dueOn: new Date(Date.UTC(at.getUTCFullYear() + sequence - 1, at.getUTCMonth(), at.getUTCDate())),
          amountMinor: sequence < 3 ? third : gift.usdMinor - 2n * third,
        },
      });
    }
  }
  if (!gift.isUnpaid) {
    const { payment } = await db().$transaction((tx) =>
      recordPayment({
        db: tx,
        pledge,
        instalmentId: null,
        provider: 'MANUAL',
        providerPaymentId: `seg-${counter}`,
        currency: 'USD',
        amountMinor: gift.usdMinor,
        receivedAt: at,
      }),
    );
    if (gift.refundedUsdMinor) {
      const refunded = gift.refundedUsdMinor;
      await db().$transaction((tx) =>
        recordReversal({
          db: tx,
          payment,
          kind: 'REFUND',
          providerReversalId: `seg-refund-${counter}`,
          amountMinor: refunded,
          usdMinor: refunded,
          reason: 'test',
        }),
      );
    }
  }
  if (gift.isCancelled) await db().$transaction((tx) => cancelPledge({ db: tx, pledge, reason: 'test' }));
}

/** Pledges made here without a payment skip the ledger's writers: bring the summaries in step. */
export async function refreshSummaries() {
  await refreshFundingSummaries();
}
