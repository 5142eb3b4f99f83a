// The giving flow behind /give: record the pledge first, then hand the donor to Stripe Checkout
// (card, wallets, monthly) or to the bank-transfer instructions. Nothing here marks money as
// received — only verified Stripe events (stripe-events.server.ts) and finance staff do that.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { FxRateMissingError, getUsdRate } from '~/ledger/fx-rate-commands.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import {
  cancelPledge,
  insertPledge,
  isPromise,
  isReferenceClash,
  pledgeDetails,
  pledgeTouch,
  recordConsents,
  type EarmarkTitles,
  type ResolvedEarmark,
} from '~/ledger/pledge-commands.server.ts';
import { refreshAfterMoneyChange } from '~/ledger/payment-commands.server.ts';
import { findOrCreateDonorForGift, recordPledgeDonorDetails } from '~/ledger/donor-profile-commands.server.ts';
import { bankTransferEmail, earmarkSummary } from './giving-email-queries.server.ts';
import type { GivingErrorCode, StartGivingResult } from './giving-types.ts';
import { consentsOf, donorDetailsOf, pledgeTermsOf } from './pledge-terms.ts';
import { getPledgeOverview } from './giving-queries.server.ts';
import { getStripe } from './stripe/stripe-client.server.ts';
import { pledgePath } from './pledge-links.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { GiveRequest } from './give-schema.ts';
import { getT } from '~/platform/i18n.server.ts';
import { isLocale, type Locale } from '~/platform/i18n.ts';
import { isUuid } from '~/platform/uuid.ts';

/** A form that passed validation but cannot be accepted; `code` is an i18n key under give:errors. */
export class GivingError extends Error {
  constructor(
    readonly code: GivingErrorCode,
    readonly field?: 'programme' | 'project' | 'appeal' | 'currency',
  ) {
    super(code);
    this.name = 'GivingError';
  }
}

// Under a burst of donors a transaction may wait for a pooled connection longer than Prisma's 2 s.
const PLEDGE_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

const CLOSED_PROJECT_STATUSES = new Set(['CLOSED', 'CANCELLED']);
/** A Checkout session lives 24 h at Stripe; we reuse an open one only well before that. */
const REUSE_OPEN_SESSION_MS = 20 * 60 * 60 * 1000;

async function resolveEarmark(db: DbClient, request: GiveRequest): Promise<ResolvedEarmark & { titles: EarmarkTitles }> {
  if (request.earmark === 'project') {
    const project = await db.project.findUnique({
      where: { code: request.project ?? '' },
      select: { id: true, code: true, title: true, programmeId: true, status: true, programme: { select: { title: true } } },
    });
    if (!project) throw new GivingError('unknownProject', 'project');
    if (CLOSED_PROJECT_STATUSES.has(project.status)) throw new GivingError('closedProject', 'project');
    return {
      earmarkType: 'PROJECT',
      programmeId: project.programmeId,
      projectId: project.id,
      titles: { programme: project.programme, project: { code: project.code, title: project.title } },
    };
  }
  if (request.earmark === 'programme') {
    const programme = await db.programme.findUnique({ where: { slug: request.programme ?? '' }, select: { id: true, title: true } });
    if (!programme) throw new GivingError('unknownProgramme', 'programme');
    return {
      earmarkType: 'PROGRAMME',
      programmeId: programme.id,
      projectId: null,
      titles: { programme: { title: programme.title }, project: null },
    };
  }
  return { earmarkType: 'GENERAL_PURPOSE', programmeId: null, projectId: null, titles: { programme: null, project: null } };
}

async function resolveAppeal(db: DbClient, slug: string | undefined): Promise<string | null> {
  if (!slug) return null;
  const appeal = await db.appeal.findUnique({ where: { slug }, select: { id: true } });
  if (!appeal) throw new GivingError('unknownAppeal', 'appeal');
  return appeal.id;
}

/**
 * The appeal recipient a pledge is attributed to (docs/decisions/050): the one the attribution
 * cookie names, when it was sent the very appeal the pledge is for; null otherwise.
 */
export async function resolveAppealRecipient(
  db: DbClient,
  appealId: string | null,
  recipientId: string | null | undefined,
): Promise<string | null> {
  if (!appealId || !recipientId || !isUuid(recipientId)) return null;
  const recipient = await db.appealRecipient.findUnique({ where: { id: recipientId }, select: { appealId: true } });
  return recipient?.appealId === appealId ? recipientId : null;
}

/**
 * Records the pledge (donor, consents, schedule) and says where the donor goes next. The pledge
 * is committed before Stripe is called, so the Checkout session always points at a real pledge.
 */
export async function startGiving(
  request: GiveRequest,
  ctx: {
    origin: string;
    db?: ReturnType<typeof getPrisma>;
    now?: Date;
    newReference?: () => string;
    /** The recipient the appeal attribution cookie names, if any (checked against the pledge's appeal) */
    appealRecipientId?: string | null;
  },
): Promise<StartGivingResult> {
  const db = ctx.db ?? getPrisma();
  const now = ctx.now ?? new Date();
  const earmark = await resolveEarmark(db, request);
  const appealId = await resolveAppeal(db, request.appeal);
  const appealRecipientId = await resolveAppealRecipient(db, appealId, ctx.appealRecipientId);
  let usdRate: string;
  try {
    usdRate = await getUsdRate({ currency: request.currency, on: now, db });
  } catch (error) {
    if (error instanceof FxRateMissingError) throw new GivingError('noExchangeRate', 'currency');
    throw error;
  }
  const { titles, ...earmarkIds } = earmark;
  // A clash of the random reference (40 bits) is refused by its unique index: try once more.
  const recordPledge = () =>
    db.$transaction(async (tx) => {
      // What the form says about the donor is the pledge's until a payment confirms it (decision 022).
      const details = donorDetailsOf(request);
      const donor = await findOrCreateDonorForGift({ db: tx, details });
      await recordConsents({ db: tx, donorId: donor.id, consents: consentsOf(request), locale: request.locale, source: 'give-form' });
      const terms = pledgeTermsOf(request, now);
      const created = await insertPledge({
        db: tx,
        donor,
        terms,
        earmark: earmarkIds,
        titles,
        appealId,
        appealRecipientId,
        usdRate,
        now,
        reference: ctx.newReference?.(),
      });
      await recordPledgeDonorDetails({ db: tx, pledgeId: created.id, details });
      // A promise (transfer, instalments) is pledged-unpaid from now on: the figures move with it.
      // A card gift or a monthly gift is not a promise (decision 008): no figure changes yet.
      if (isPromise(created)) await refreshAfterMoneyChange({ db: tx, touch: pledgeTouch(created) });
      await recordAudit({
        db: tx,
        actorKind: 'donor',
        action: 'pledge.created',
        entityType: 'pledge',
        entityId: created.id,
        after: {
          reference: created.reference,
          frequency: created.frequency,
          method: created.method,
          currency: created.currency,
          amountMinor: created.amountMinor,
        },
      });
      if (created.method === 'BANK_TRANSFER') {
        const email = await bankTransferEmail({ db: tx, pledgeId: created.id });
        if (email) await enqueueEmail({ db: tx, ...email });
      }
      return created;
    }, PLEDGE_TRANSACTION);
  const pledge = await recordPledge().catch((error: unknown) => {
    if (isReferenceClash(error)) return recordPledge();
    throw error;
  });
  if (pledge.method === 'BANK_TRANSFER') return { kind: 'bank-transfer', reference: pledge.reference };
  if (pledge.frequency === 'INSTALMENTS') return { kind: 'pledge', reference: pledge.reference };
  const instalmentId = pledge.frequency === 'ONCE' ? (pledge.instalments[0]?.id ?? null) : null;
  const url = await openCheckout(db, { pledgeId: pledge.id, instalmentId, origin: ctx.origin, pledge, attempts: 0 });
  return { kind: 'checkout', url };
}

const stripeLocales = new Set(['en', 'fr', 'es', 'ru', 'zh']);
type PledgeForCheckout = NonNullable<Awaited<ReturnType<typeof insertPledge>>>;

/**
 * Creates the Stripe Checkout session for a pledge (or one instalment) and stores it. The
 * idempotency key names our row, so a retried call after a timeout returns the same session.
 */
async function openCheckout(
  db: ReturnType<typeof getPrisma>,
  args: { pledgeId: string; instalmentId: string | null; origin: string; pledge?: PledgeForCheckout; attempts?: number },
): Promise<string> {
  // A pledge just written is passed in, saving a read on the busiest path.
  const pledge = args.pledge ?? (await db.pledge.findUniqueOrThrow({ where: { id: args.pledgeId }, include: pledgeDetails }));
  const instalment = args.instalmentId ? pledge.instalments.find((row) => row.id === args.instalmentId) : undefined;
  const rowId = randomUUID();
  const isMonthly = pledge.frequency === 'MONTHLY';
  const amountMinor = instalment?.amountMinor ?? pledge.amountMinor;
  const metadata: Record<string, string> = {
    pledgeId: pledge.id,
    reference: pledge.reference,
    ...(instalment ? { instalmentId: instalment.id } : {}),
  };
  const locale: Locale = isLocale(pledge.donor.locale) ? pledge.donor.locale : 'en';
  // Stripe's page names what is paid for, in the donor's language.
  const earmarkTitle = earmarkSummary(pledge, locale).title ?? getT(locale, 'give')('earmark.generalShort');
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: isMonthly ? 'subscription' : 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: pledge.currency.toLowerCase(),
          unit_amount: Number(amountMinor),
          product_data: { name: earmarkTitle },
          ...(isMonthly ? { recurring: { interval: 'month' as const } } : {}),
        },
      },
    ],
    client_reference_id: instalment?.id ?? pledge.id,
    metadata,
    success_url: `${args.origin}/give/thanks?session_id={CHECKOUT_SESSION_ID}`,
    // Back from Checkout: a gift returns to its filled-in form; an instalment to its pledge page.
    cancel_url:
      pledge.frequency === 'INSTALMENTS'
        ? new URL(pledgePath(pledge.reference), args.origin).toString()
        : `${args.origin}/give?resume=${rowId}`,
    locale: stripeLocales.has(locale) ? (locale as Stripe.Checkout.SessionCreateParams.Locale) : 'auto',
    ...(pledge.donor.stripeCustomerId ? { customer: pledge.donor.stripeCustomerId } : { customer_email: pledge.donor.email ?? undefined }),
    ...(isMonthly
      ? { subscription_data: { metadata, description: `Monthly gift ${pledge.reference}` } }
      : { submit_type: 'donate' as const, payment_intent_data: { metadata, description: `Gift ${pledge.reference}` } }),
  };
  const attempts = args.attempts ?? (await db.checkoutSession.count({ where: { pledgeId: pledge.id, instalmentId: args.instalmentId } }));
  let session: Stripe.Checkout.Session;
  try {
    session = await getStripe().checkout.sessions.create(params, {
      idempotencyKey: `checkout:${args.instalmentId ?? pledge.id}:${attempts}`,
    });
  } catch (error) {
    console.error(`[giving] Stripe refused or failed a Checkout session for ${pledge.reference}: ${(error as Error).message}`);
    // Trying again makes a new pledge: close this one, so no open gift is left without a payment page.
    if (pledge.frequency !== 'INSTALMENTS')
      await db.$transaction((tx) => cancelPledge({ db: tx, pledge, reason: 'Payment page could not be opened' }));
    throw new GivingError('providerUnavailable');
  }
  if (!session.url) throw new GivingError('providerUnavailable');
  // A retried call returns the same session (idempotency key): its row is kept, not doubled.
  // Raw INSERT … ON CONFLICT DO NOTHING: Prisma compiles createMany({ skipDuplicates }) anew on
  // every call, and upsert takes five statements. "createdAt" is the portal's clock, the one the
  // reuse and resume windows are measured with (not the database server's).
  await db.$executeRaw`
    INSERT INTO checkout_sessions (id, "pledgeId", "instalmentId", "stripeSessionId", status, url, "createdAt")
    VALUES (${rowId}::uuid, ${pledge.id}::uuid, ${args.instalmentId ?? null}::uuid, ${session.id}, ${session.status ?? 'open'}, ${session.url}, ${new Date()})
    ON CONFLICT DO NOTHING`;
  return session.url;
}

/** Opens (or reuses) a Checkout session for one unpaid instalment of a card pledge. */
export async function startInstalmentCheckout(args: {
  reference: string;
  instalmentId: string;
  origin: string;
  db?: ReturnType<typeof getPrisma>;
}) {
  const db = args.db ?? getPrisma();
  const overview = await getPledgeOverview({ reference: args.reference, locale: 'en', db });
  const instalment = overview?.instalments.find((row) => row.id === args.instalmentId);
  if (!overview || !instalment || overview.method !== 'card' || overview.cancelled) throw new GivingError('unknownPledge');
  if (instalment.status === 'paid') throw new GivingError('alreadyPaid');
  // Staff wrote it off: nothing is asked for, so nothing is offered to pay (decision 030).
  if (instalment.status === 'written-off') throw new GivingError('unknownPledge');
  const open = await db.checkoutSession.findFirst({
    where: { instalmentId: instalment.id, status: 'open', createdAt: { gt: new Date(Date.now() - REUSE_OPEN_SESSION_MS) } },
    orderBy: { createdAt: 'desc' },
  });
  if (open?.url) return { url: open.url };
  const pledge = await db.pledge.findUniqueOrThrow({ where: { reference: args.reference }, select: { id: true } });
  return { url: await openCheckout(db, { pledgeId: pledge.id, instalmentId: instalment.id, origin: args.origin }) };
}
