// The consent texts exactly as the forms show them (give:consent.*), in the donor's language: the
// give form and the account's profile page show these labels and record these strings with each
// grant or withdrawal, so what is stored is what was read.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';

/** The consent texts exactly as the donor saw them, in their language (recorded with each consent). */
export interface ConsentWording {
  impactReports: string;
  appeals: string;
}

export function consentWording(locale: Locale): ConsentWording {
  const t = getT(locale, 'give');
  return { impactReports: t('consent.impactReports'), appeals: t('consent.appeals') };
}
