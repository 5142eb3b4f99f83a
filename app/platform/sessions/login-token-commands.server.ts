// Single-use sign-in links. The link carries a random token; only its SHA-256 is stored. The
// same table serves staff and donors (staffUserId or donorId); each sign-in page finds and
// consumes only its own kind, so a donor's link opens no staff session and the reverse
// (docs/decisions/041).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { generateSecretToken, hashSecretToken } from '~/platform/token.server.ts';

/** A sign-in link works for this long, once (issue #11: at most 10 minutes). */
export const LOGIN_TOKEN_TTL_MINUTES = 10;

export interface CreateLoginTokenInput {
  db?: DbClient;
  email: string;
  staffUserId?: string;
  donorId?: string;
  redirectTo?: string;
  now?: Date;
  /** How long the link works; sign-in links keep the 10 minutes, invitations last days (docs/decisions/027). */
  ttlMinutes?: number;
}

/** Creates a token; returns the raw token (for the link, never stored) and the row. */
export async function createLoginToken({
  db = getPrisma(),
  email,
  staffUserId,
  donorId,
  redirectTo = '/',
  now = new Date(),
  ttlMinutes = LOGIN_TOKEN_TTL_MINUTES,
}: CreateLoginTokenInput) {
  const token = generateSecretToken();
  const loginToken = await db.loginToken.create({
    data: {
      tokenHash: hashSecretToken(token),
      email,
      staffUserId: staffUserId ?? null,
      donorId: donorId ?? null,
      redirectTo,
      expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
    },
  });
  return { token, loginToken };
}

/** Whose links a sign-in page accepts. */
export type LoginTokenKind = 'staff' | 'donor';

const ownedBy = (kind: LoginTokenKind | undefined) =>
  kind === 'staff' ? { staffUserId: { not: null } } : kind === 'donor' ? { donorId: { not: null } } : {};

/** The token's row if it is unused, unexpired and (given `kind`) of that kind (no change is made: GET pages use this). */
export async function findUsableLoginToken({
  db = getPrisma(),
  token,
  kind,
  now = new Date(),
}: {
  db?: DbClient;
  token: string;
  kind?: LoginTokenKind;
  now?: Date;
}) {
  return db.loginToken.findFirst({
    where: { tokenHash: hashSecretToken(token), usedAt: null, expiresAt: { gt: now }, ...ownedBy(kind) },
  });
}

/**
 * Marks the token used and returns its row, or null when it is unknown, used, expired or of another kind. The
 * single conditional UPDATE is the guard: of two concurrent consumers exactly one gets the row.
 */
export async function consumeLoginToken({
  db = getPrisma(),
  token,
  kind,
  now = new Date(),
}: {
  db?: DbClient;
  token: string;
  kind?: LoginTokenKind;
  now?: Date;
}) {
  const tokenHash = hashSecretToken(token);
  const { count } = await db.loginToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, ...ownedBy(kind) },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return db.loginToken.findUnique({ where: { tokenHash } });
}

/**
 * Voids every unused link of one staff user or one donor: once a link is used (or the person is
 * deactivated), the rest of what was mailed stops working. Returns how many were voided.
 */
export async function voidLoginTokens({
  db = getPrisma(),
  owner,
  now = new Date(),
}: {
  db?: DbClient;
  owner: { staffUserId: string } | { donorId: string };
  now?: Date;
}) {
  const { count } = await db.loginToken.updateMany({ where: { ...owner, usedAt: null }, data: { usedAt: now } });
  return count;
}
