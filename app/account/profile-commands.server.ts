// The signed-in donor changes their own profile and preferences (issue #14 item 6), in one
// transaction on the session's donor only (no field of the request names a donor):
// - name, organisation, tax number, country, anonymity, language: changeDonorProfile, audited with
//   the donor as actor, the public summaries refreshed (anonymity moves their money to or from the
//   anonymous line; totals stay);
// - consents: a grant or a withdrawal in the consent log only when the donor's word changes, with
//   the label they saw in the page's language and source 'account';
// - the impact report frequency.
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { withdrawConsent, type ConsentKind } from '~/ledger/consent-commands.server.ts';
import { consentWording } from '~/ledger/consent-wording.server.ts';
import { changeDonorProfile, type DonorProfile } from '~/ledger/donor-profile-commands.server.ts';
import { donorDisplayName, donorTypeColumn } from '~/ledger/donor-profile.ts';
import { recordConsents } from '~/ledger/pledge-commands.server.ts';
import { setReportFrequency } from '~/ledger/report-frequency-commands.server.ts';
import { latestConsentWord } from '~/platform/consent-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import type { SignedInDonor } from './account-auth.server.ts';
import { profileFieldNames, profileSchema, type ProfileFormOutput } from './profile-schema.ts';

export const PROFILE_CHANGE_REASON = 'changed by the donor on /account/profile';
export const CONSENT_SOURCE = 'account';

export type ProfileOutcome =
  { ok: true; result: SubmissionResult<string[]>; changed: boolean } | { ok: false; status: 400 | 404; result: SubmissionResult<string[]> };

/** The profile the form describes, from the donor's current one (whose type the form may not offer). */
function profileFrom(value: ProfileFormOutput, current: DonorProfile): DonorProfile {
  const type = value.donorType ? donorTypeColumn[value.donorType] : current.type;
  const individual = type === 'INDIVIDUAL';
  const organisationName = individual ? null : (value.organisationName ?? null);
  return {
    type,
    displayName: donorDisplayName({
      donorType: individual ? 'individual' : 'company',
      givenName: value.givenName,
      familyName: value.familyName,
      organisationName: organisationName ?? undefined,
    }),
    givenName: value.givenName,
    familyName: value.familyName,
    organisationName,
    organisationId: individual ? null : (value.organisationId ?? null),
    countryCode: value.countryCode ?? null,
    locale: value.locale,
    isAnonymous: value.isAnonymous,
  };
}

async function recordConsentWord({
  db,
  donorId,
  kind,
  granted,
  wording,
  locale,
}: {
  db: DbClient;
  donorId: string;
  kind: ConsentKind;
  granted: boolean;
  wording: string;
  locale: Locale;
}): Promise<boolean> {
  const latest = await latestConsentWord({ db, donorId, kind });
  if (granted && latest !== true) {
    await recordConsents({ db, donorId, consents: [{ kind, wording }], locale, source: CONSENT_SOURCE });
    return true;
  }
  if (!granted && latest === true) {
    return (await withdrawConsent({ db, donorId, kind, wording, locale, source: CONSENT_SOURCE })) === 'withdrawn';
  }
  return false;
}

/**
 * Saves the form for the signed-in donor; `locale` is the language the page was shown in (the
 * consent labels recorded are the ones in that language).
 */
export async function saveOwnProfile({
  donor,
  formData,
  locale,
}: {
  donor: SignedInDonor;
  formData: FormData;
  locale: Locale;
}): Promise<ProfileOutcome> {
  // Only the form's own fields are read (and echoed back): no field of the request names a donor.
  const own = new FormData();
  for (const name of profileFieldNames) {
    const value = formData.get(name);
    if (typeof value === 'string') own.set(name, value);
  }
  const submission = parseWithZod(own, { schema: profileSchema });
  if (submission.status !== 'success') return { ok: false, status: 400, result: submission.reply() };
  const value = submission.value;
  const wording = consentWording(locale);
  const changed = await getPrisma().$transaction(async (tx) => {
    const current = await tx.donor.findFirst({ where: { id: donor.id, erasedAt: null } });
    if (!current) return null;
    // changeDonorProfile locks the donor row first, so the consent and frequency writes below are serialised too.
    const fields = await changeDonorProfile({
      db: tx,
      donorId: donor.id,
      changes: profileFrom(value, current),
      actor: { kind: 'donor' },
      reason: PROFILE_CHANGE_REASON,
    });
    const impactReports = await recordConsentWord({
      db: tx,
      donorId: donor.id,
      kind: 'IMPACT_REPORTS',
      granted: value.consentImpactReports,
      wording: wording.impactReports,
      locale,
    });
    const appeals = await recordConsentWord({
      db: tx,
      donorId: donor.id,
      kind: 'APPEALS',
      granted: value.consentAppeals,
      wording: wording.appeals,
      locale,
    });
    const frequency =
      current.impactReportFrequency !== value.reportFrequency &&
      (await setReportFrequency({ db: tx, donorId: donor.id, frequency: value.reportFrequency })) === 'saved';
    return fields.length > 0 || impactReports || appeals || frequency;
  });
  if (changed === null) return { ok: false, status: 404, result: submission.reply({ formErrors: ['errors.unknownDonor'] }) };
  return { ok: true, result: submission.reply(), changed };
}
