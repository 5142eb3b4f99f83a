// What /account/profile shows the signed-in donor: their profile, language, report frequency and
// their latest word on each consent (the consent log's rule: the latest row per kind wins).
import { givingDonorTypeOf } from '~/ledger/donor-profile.ts';
import { latestConsentWord } from '~/platform/consent-queries.server.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { defaultLocale, isLocale } from '~/platform/i18n.ts';
import type { ProfileFormValues } from './profile-schema.ts';

/** The donor's profile as the form's initial values, or null when there is no such live donor. */
export async function getOwnProfile({ db = getPrisma(), donorId }: { db?: DbClient; donorId: string }) {
  const donor = await db.donor.findFirst({ where: { id: donorId, erasedAt: null } });
  if (!donor) return null;
  const [impactReports, appeals] = await Promise.all([
    latestConsentWord({ db, donorId, kind: 'IMPACT_REPORTS' }),
    latestConsentWord({ db, donorId, kind: 'APPEALS' }),
  ]);
  const values = {
    donorType: givingDonorTypeOf(donor.type),
    givenName: donor.givenName ?? '',
    familyName: donor.familyName ?? '',
    organisationName: donor.organisationName ?? '',
    organisationId: donor.organisationId ?? '',
    countryCode: donor.countryCode ?? '',
    isAnonymous: donor.isAnonymous ? 'on' : undefined,
    locale: isLocale(donor.locale) ? donor.locale : defaultLocale,
    reportFrequency: donor.impactReportFrequency,
    consentImpactReports: impactReports === true ? 'on' : undefined,
    consentAppeals: appeals === true ? 'on' : undefined,
  } satisfies ProfileFormValues;
  return { email: donor.email, values };
}
