// Who issues a receipt or statement: the same words the emails and the site already use for the
// organisation (the emails' brand line, the postal address of the impact reports' footer, the
// site footer's mandate), so one translation of each is kept, plus the legal status in the
// statements' namespace. There is no national tax number: UNODC is part of the UN Secretariat.
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';

export interface OrganisationDetails {
  brand: string;
  address: string;
  legalStatus: string;
  mandate: string;
}

/** The organisation's name, address, legal status and mandate in the reader's language. */
export function organisationDetails(locale: Locale): OrganisationDetails {
  const t = getT(locale, ['account-statements', 'email', 'impact', 'common']);
  return {
    brand: t('email:brand'),
    address: t('impact:report.address'),
    legalStatus: t('account-statements:organisation.legalStatus'),
    mandate: t('common:footer.mandate'),
  };
}
