// Erasing a donor's personal data (issue #14 item 8, docs/decisions/042). The money stays: every
// pledge, payment, refund and allocation is kept as the law and the ledger require, and every
// public figure with it. What identifies the person goes: name, organisation, tax number,
// address and dedications on the donor and on each pledge's typed details; the addresses and
// contents of the emails sent to them; their sign-in links and sessions. Their address is
// suppressed, so nothing is ever sent to it again, and from then on they are an anonymous donor
// in every public list (the totals do not move). Their Customer at Stripe (which holds their name
// and email) is deleted by a job queued in the same transaction, so it happens exactly when the
// erasure commits and is retried until Stripe confirms. One transaction, idempotent, audited
// without any personal data.
import { recordAudit } from '~/platform/audit.server.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { normalizeAddress } from '~/platform/email/email-suppression-queries.server.ts';
import type { ProfileActor } from './donor-profile-commands.server.ts';
import { refreshFundingSummaries } from './summaries/summary-commands.server.ts';

export type DonorErasureErrorCode = 'donorNotFound' | 'activeMonthlyGift';

export class DonorErasureError extends Error {
  constructor(
    readonly code: DonorErasureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DonorErasureError';
  }
}

/** The graphile-worker task that deletes the Customer at Stripe (app/giving/stripe/delete-customer-task.server.ts). */
export const DELETE_STRIPE_CUSTOMER_TASK = 'delete-stripe-customer';
/** Stripe down for a while must not lose the deletion: graphile-worker backs off exponentially (10 attempts span ≈ 3.5 h). */
const DELETE_STRIPE_CUSTOMER_MAX_ATTEMPTS = 10;

/** Subscription states in which Stripe may still charge the card (a gift must be cancelled first). */
const LIVE_SUBSCRIPTION_STATES = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'];

export interface ErasureOutcome {
  donorId: string;
  /** False when the donor had already been erased (nothing changed). */
  erased: boolean;
  erasedAt: Date;
  pledges: number;
  emails: number;
}

/**
 * Queues the deletion of an erased donor's Customer at Stripe, in the caller's transaction (nothing
 * is queued if it rolls back). Only the id goes into the job: it identifies no one once the
 * Customer is gone. One job per Customer.
 */
export async function queueStripeCustomerDeletion({ db, customerId }: { db: DbClient; customerId: string }): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${DELETE_STRIPE_CUSTOMER_TASK},
    json_build_object('customerId', ${customerId}::text),
    max_attempts := ${DELETE_STRIPE_CUSTOMER_MAX_ATTEMPTS}::int,
    job_key := ${`${DELETE_STRIPE_CUSTOMER_TASK}:${customerId}`}
  )`;
}

/**
 * Erases the donor's personal data in the caller's transaction. Refuses while a monthly gift can
 * still be charged (the donor cancels it first: a charge to an erased donor could not be receipted).
 */
export async function eraseDonor({
  db,
  donorId,
  actor,
  now = new Date(),
}: {
  db: DbClient;
  donorId: string;
  actor: ProfileActor;
  now?: Date;
}): Promise<ErasureOutcome> {
  await db.$executeRaw`SELECT id FROM donors WHERE id = ${donorId}::uuid FOR UPDATE`;
  const donor = await db.donor.findUnique({
    where: { id: donorId },
    select: { email: true, erasedAt: true, stripeCustomerId: true },
  });
  if (!donor) throw new DonorErasureError('donorNotFound', `donor ${donorId} not found`);
  if (donor.erasedAt) return { donorId, erased: false, erasedAt: donor.erasedAt, pledges: 0, emails: 0 };

  const live = await db.checkoutSession.count({
    where: { pledge: { donorId }, subscriptionStatus: { in: LIVE_SUBSCRIPTION_STATES } },
  });
  if (live > 0) throw new DonorErasureError('activeMonthlyGift', `donor ${donorId} has ${live} monthly gift(s) still running`);

  if (donor.email) {
    await db.emailSuppression.createMany({
      data: [{ address: normalizeAddress(donor.email), reason: 'ERASED', createdAt: now }],
      skipDuplicates: true,
    });
  }
  if (donor.stripeCustomerId) await queueStripeCustomerDeletion({ db, customerId: donor.stripeCustomerId });
  await db.donor.update({
    where: { id: donorId },
    data: {
      email: null,
      displayName: '',
      givenName: null,
      familyName: null,
      organisationName: null,
      organisationId: null,
      stripeCustomerId: null,
      isAnonymous: true,
      isProfilePending: false,
      impactReportFrequency: 'NONE',
      erasedAt: now,
    },
  });
  // Append-only tables whose trigger lets erasure blank exactly these columns (migration 20261207270000).
  const pledges = await db.pledge.count({ where: { donorId } });
  await db.pledge.updateMany({ where: { donorId, dedication: { not: null } }, data: { dedication: null } });
  await db.pledgeDonorDetails.updateMany({
    where: { pledge: { donorId } },
    data: { displayName: '', givenName: null, familyName: null, organisationName: null, organisationId: null },
  });
  // The emails: unsent ones are not sent, sent ones keep what was sent and when, not to whom or what.
  const emailWhere = donor.email ? { OR: [{ donorId }, { toAddress: donor.email }] } : { donorId };
  await db.emailOutbox.updateMany({
    where: { ...emailWhere, status: 'PENDING' },
    data: { status: 'SKIPPED', skipReason: 'SUPPRESSED', lastError: 'donor erased' },
  });
  const emails = await db.emailOutbox.updateMany({ where: emailWhere, data: { toAddress: '', props: {} } });
  await db.emailEvent.updateMany({ where: { email: emailWhere }, data: { payload: {} } });
  await db.loginToken.deleteMany({ where: donor.email ? { OR: [{ donorId }, { email: donor.email }] } : { donorId } });
  await db.session.updateMany({ where: { donorId, revokedAt: null }, data: { revokedAt: now } });

  // Now anonymous: the public lists move their money to the anonymous line, totals unchanged.
  await refreshFundingSummaries({ db, donorIds: [donorId] });
  await recordAudit({
    db,
    actorId: actor.kind === 'staff' ? actor.staffUserId : null,
    actorKind: actor.kind,
    action: 'donor.erased',
    entityType: 'donor',
    entityId: donorId,
    after: { pledges, emails: emails.count },
  });
  return { donorId, erased: true, erasedAt: now, pledges, emails: emails.count };
}
