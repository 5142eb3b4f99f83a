// The database side of donor sign-in (docs/decisions/041): a sign-in link queued for any address
// and issued only to a donor's, a session opened from a donor's token, and a session closed. The
// rows are the staff ones (login_tokens, sessions) with donorId set; the timeouts are the donors'.
import { recordAudit } from '~/platform/audit.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { enqueueEmail } from '~/platform/email/outbox.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import {
  consumeLoginToken,
  createLoginToken,
  LOGIN_TOKEN_TTL_MINUTES,
  voidLoginTokens,
} from '~/platform/sessions/login-token-commands.server.ts';
import {
  createOwnedSession,
  liveSessionConditions,
  revokeSessionBySecret,
  rotateOwnedSession,
  type SessionTimeouts,
} from '~/platform/sessions/session-commands.server.ts';
import { hashSecretToken } from '~/platform/token.server.ts';

/** A donor session ends 30 minutes after its last request, and 12 hours after sign-in however active. */
export const DONOR_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };

export const ISSUE_DONOR_SIGN_IN_LINK_TASK = 'issue-donor-sign-in-link';
const MAX_ATTEMPTS = 5;

/** Lower-cased and trimmed: how donors.email is stored. */
export function normaliseDonorEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Queues the issue-donor-sign-in-link job for an address, known or not (the request does the same work either way). */
export async function queueDonorSignInLink({ db = getPrisma(), email, locale }: { db?: DbClient; email: string; locale: string }) {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${ISSUE_DONOR_SIGN_IN_LINK_TASK},
    json_build_object('email', ${email}::text, 'locale', ${locale}::text),
    max_attempts := ${MAX_ATTEMPTS}::int
  )`;
}

/** The donor who may sign in with this address: not erased. */
async function findSignInDonor(db: DbClient, email: string) {
  return db.donor.findFirst({ where: { email: normaliseDonorEmail(email), erasedAt: null }, select: { id: true, locale: true } });
}

/**
 * For a donor's address: creates the token and queues the transactional email in one transaction.
 * For any other address (or an erased donor): nothing. Runs in the job; `requestId` (the job's id)
 * makes a retried job send one link only.
 */
export async function issueDonorSignInLink({
  requestId,
  email,
  locale,
}: {
  requestId: string;
  email: string;
  locale: string;
}): Promise<'issued' | 'no-account' | 'already-issued'> {
  const idempotencyKey = `account-sign-in-link:request:${requestId}`;
  return getPrisma().$transaction(async (tx) => {
    if (await tx.emailOutbox.findUnique({ where: { idempotencyKey } })) return 'already-issued';
    const donor = await findSignInDonor(tx, email);
    if (!donor) return 'no-account';
    const address = normaliseDonorEmail(email);
    const { token } = await createLoginToken({ db: tx, email: address, donorId: donor.id, redirectTo: '/account' });
    const url = new URL('/account/verify', getEnv().APP_ORIGIN);
    url.searchParams.set('token', token);
    await enqueueEmail({
      db: tx,
      template: 'account-sign-in-link',
      to: address,
      locale,
      props: { url: url.toString(), expiresInMinutes: LOGIN_TOKEN_TTL_MINUTES },
      idempotencyKey,
      donorId: donor.id,
    });
    return 'issued';
  });
}

/**
 * Consumes a donor's sign-in token and opens a session, revoking the one the browser had
 * (`previousSecret`). Null for an unknown, used, expired or staff token, or an erased donor.
 */
export async function openDonorSession({ token, previousSecret }: { token: string; previousSecret: string | null }) {
  return getPrisma().$transaction(async (tx) => {
    const loginToken = await consumeLoginToken({ db: tx, token, kind: 'donor' });
    if (!loginToken?.donorId) return null;
    const donor = await tx.donor.findUnique({ where: { id: loginToken.donorId }, select: { id: true, erasedAt: true } });
    if (!donor || donor.erasedAt) return null;
    await voidLoginTokens({ db: tx, owner: { donorId: donor.id } });
    if (previousSecret) await revokeSessionBySecret({ db: tx, secret: previousSecret });
    const { secret } = await createOwnedSession({ db: tx, donorId: donor.id, timeouts: DONOR_SESSION_TIMEOUTS });
    await recordAudit({
      db: tx,
      // audit_log.actorId names staff users; the donor is the entity.
      actorKind: 'donor',
      action: 'account.sign_in',
      entityType: 'Donor',
      entityId: donor.id,
    });
    return { secret };
  });
}

/** The live donor session for a cookie secret with its donor; null when unknown, revoked, timed out, a staff session, or the donor was erased. */
export async function findActiveDonorSession({ secret, now = new Date() }: { secret: string; now?: Date }) {
  const session = await getPrisma().session.findFirst({
    where: {
      tokenHash: hashSecretToken(secret),
      donorId: { not: null },
      ...liveSessionConditions({ now, timeouts: DONOR_SESSION_TIMEOUTS }),
    },
    include: { donor: { select: { id: true, displayName: true, email: true, locale: true, erasedAt: true } } },
  });
  if (!session?.donor || session.donor.erasedAt) return null;
  return { ...session, donor: session.donor };
}

/** Rotates a donor session with the donor timeouts. */
export async function rotateDonorSession({ sessionId, now = new Date() }: { sessionId: string; now?: Date }) {
  return rotateOwnedSession({ sessionId, now, timeouts: DONOR_SESSION_TIMEOUTS });
}

/** Revokes the donor session with this secret (server-side: the cookie stops working everywhere) and records the sign-out. */
export async function closeDonorSession({ secret }: { secret: string }): Promise<void> {
  const db = getPrisma();
  const session = await db.session.findFirst({ where: { tokenHash: hashSecretToken(secret), revokedAt: null, donorId: { not: null } } });
  if (!session?.donorId) return;
  await revokeSessionBySecret({ db, secret });
  await recordAudit({
    db,
    actorKind: 'donor',
    action: 'account.sign_out',
    entityType: 'Donor',
    entityId: session.donorId,
  });
}
