// Who a donor is, publicly: their name, type, country and anonymity (issue #11 item 2, decision
// 022). The give form proves only that someone typed an email address, so what it says is kept
// with its pledge (pledge_donor_details) and becomes the donor's profile only when a payment of
// that pledge confirms it: in full for a donor the form created (their first paid gift), only the
// language for a donor who already existed. Any other change goes through changeDonorProfile,
// which staff (or the donor, once signed in) use, audited, with the summaries kept in step.
import type { DonorType } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { refreshFundingSummaries } from './summaries/summary-commands.server.ts';

/** The public profile fields of a donor, as a form or staff may set them. */
export interface DonorProfile {
  type: DonorType;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  organisationName: string | null;
  organisationId: string | null;
  countryCode: string | null;
  locale: string;
  isAnonymous: boolean;
}

/** A donor as they describe themselves when they give: their profile and the address they gave. */
export interface DonorDetails extends DonorProfile {
  email: string;
}

const profileFields = [
  'type',
  'displayName',
  'givenName',
  'familyName',
  'organisationName',
  'organisationId',
  'countryCode',
  'locale',
  'isAnonymous',
] as const satisfies readonly (keyof DonorProfile)[];

function profileOf(row: DonorProfile): DonorProfile {
  const { type, displayName, givenName, familyName, organisationName, organisationId, countryCode, locale, isAnonymous } = row;
  return { type, displayName, givenName, familyName, organisationName, organisationId, countryCode, locale, isAnonymous };
}

/**
 * The donor a pledge from the give form belongs to: found by email and left exactly as it is, or
 * created from the form's details as a pending profile, which public lists show as anonymous until
 * a payment confirms it.
 */
export async function findOrCreateDonorForGift({ db, details }: { db: DbClient; details: DonorDetails }) {
  const email = details.email.trim().toLowerCase();
  const { email: _typed, isAnonymous: _chosen, ...profile } = details;
  const existing = await db.donor.findUnique({ where: { email } });
  if (existing) return existing;
  // Two first gifts of one new address at once: the unique index lets one insert win, the other reads it.
  await db.$executeRaw`
    INSERT INTO donors (type, email, "displayName", "givenName", "familyName", "organisationName", "organisationId",
                        "countryCode", locale, "isAnonymous", "isProfilePending")
    VALUES (${profile.type}::"DonorType", ${email}, ${profile.displayName}, ${profile.givenName}, ${profile.familyName},
            ${profile.organisationName}, ${profile.organisationId}, ${profile.countryCode}, ${profile.locale}, true, true)
    ON CONFLICT (email) DO NOTHING`;
  return db.donor.findUniqueOrThrow({ where: { email } });
}

/** Keeps what the form said with the pledge it was said for. */
export async function recordPledgeDonorDetails({ db, pledgeId, details }: { db: DbClient; pledgeId: string; details: DonorDetails }) {
  const { email: _email, ...profile } = details;
  await db.pledgeDonorDetails.create({ data: { pledgeId, ...profile } });
}

/**
 * Called when a payment of the pledge is recorded (in its transaction, before the summaries are
 * refreshed for the donor). A pending donor takes the pledge's details as their profile and is no
 * longer pending; a known donor takes only the language. Audited; says whether the donor changed.
 */
export async function confirmPledgeDonorDetails({ db, pledgeId }: { db: DbClient; pledgeId: string }): Promise<boolean> {
  const details = await db.pledgeDonorDetails.findUnique({ where: { pledgeId }, include: { pledge: { select: { donorId: true } } } });
  if (!details) return false;
  const donor = await db.donor.findUniqueOrThrow({ where: { id: details.pledge.donorId } });
  const before = profileOf(donor);
  const after: DonorProfile = donor.isProfilePending ? profileOf(details) : { ...before, locale: details.locale };
  const changed = profileFields.filter((field) => before[field] !== after[field]);
  if (!donor.isProfilePending && changed.length === 0) return false;
  await db.donor.update({ where: { id: donor.id }, data: { ...after, isProfilePending: false } });
  await recordAudit({
    db,
    actorKind: 'system',
    action: donor.isProfilePending ? 'donor.profile.confirmed' : 'donor.locale.updated',
    entityType: 'donor',
    entityId: donor.id,
    before: Object.fromEntries(changed.map((field) => [field, before[field]])),
    after: { ...Object.fromEntries(changed.map((field) => [field, after[field]])), pledgeId },
  });
  return true;
}

/** Who changes a profile: a staff member (by id) or the donor themself, signed in. */
export type ProfileActor = { kind: 'staff'; staffUserId: string } | { kind: 'donor' };

/**
 * Changes a donor's profile on behalf of staff or the donor themself: the only way a known
 * donor's public name, type or country changes. Records who, why, before and after, confirms a
 * pending profile, and refreshes the summaries that show the donor's type and anonymity, all in
 * the caller's transaction. Returns the fields that changed (none: nothing written).
 */
export async function changeDonorProfile({
  db,
  donorId,
  changes,
  actor,
  reason,
  refresh = ({ db: tx, donorIds }) => refreshFundingSummaries({ db: tx, donorIds }).then(() => undefined),
}: {
  db: DbClient;
  donorId: string;
  changes: Partial<DonorProfile>;
  actor: ProfileActor;
  reason: string;
  /** Refreshes the donor's summaries in the caller's transaction (a batch may defer it) */
  refresh?: (args: { db: DbClient; donorIds: string[] }) => Promise<void>;
}): Promise<(keyof DonorProfile)[]> {
  if (!reason.trim()) throw new Error('a donor profile change needs a reason');
  await db.$executeRaw`SELECT id FROM donors WHERE id = ${donorId}::uuid FOR UPDATE`;
  const donor = await db.donor.findUniqueOrThrow({ where: { id: donorId } });
  const before = profileOf(donor);
  const after: DonorProfile = { ...before, ...changes };
  const changed = profileFields.filter((field) => before[field] !== after[field]);
  if (changed.length === 0) return [];
  await db.donor.update({ where: { id: donorId }, data: { ...after, isProfilePending: false } });
  await recordAudit({
    db,
    actorId: actor.kind === 'staff' ? actor.staffUserId : null,
    actorKind: actor.kind,
    action: 'donor.profile.changed',
    entityType: 'donor',
    entityId: donorId,
    before: Object.fromEntries(changed.map((field) => [field, before[field]])),
    after: { ...Object.fromEntries(changed.map((field) => [field, after[field]])), reason },
  });
  // Type and anonymity are part of the donor summaries (top donors, contributions, year counts).
  await refresh({ db, donorIds: [donorId] });
  return changed;
}
