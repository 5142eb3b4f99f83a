// What the three trust pages' loaders return: the title and description in the reader's language,
// and the few values the text needs (the fee percentage, the organisation's facts). No database:
// the pages say what the code does, and the organisation's facts are app/trust/organisation.ts.
import { organisation as defaultOrganisation, type Organisation } from './organisation.ts';
import { ACCOUNT_PATH } from '~/platform/account-link.server.ts';
import { formatNumber, regionName } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type LocalizedText, type Locale } from '~/platform/i18n.ts';
import { PROCESSING_FEE_PERCENT } from '~/platform/processing-fee.ts';
import { TRUST_PATHS, type TrustPage } from '~/platform/trust-links.ts';

function frame(locale: Locale, page: TrustPage) {
  const t = getT(locale, ['trust']);
  return {
    title: pageTitle(locale, t(`${page}.title`)),
    description: t(`${page}.description`),
    dir: directionOf(locale),
    paths: TRUST_PATHS,
  };
}

export function getMoneyPage({ locale }: { locale: Locale }) {
  return {
    ...frame(locale, 'money'),
    feePercent: formatNumber(Number(PROCESSING_FEE_PERCENT) / 100, locale, { style: 'percent' }),
  };
}

export function getPrivacyPage({ locale }: { locale: Locale }) {
  return { ...frame(locale, 'privacy'), accountPath: ACCOUNT_PATH };
}

export function getContactPage({ locale, organisation = defaultOrganisation }: { locale: Locale; organisation?: Organisation }) {
  const country = regionName(locale);
  const collator = new Intl.Collator(locale);
  return {
    ...frame(locale, 'contact'),
    organisation: {
      isPlaceholder: organisation.isPlaceholder,
      name: pickText(organisation.name, locale),
      nameLang: languageOf(organisation.name, locale),
      addressLines: [...organisation.addressLines],
      email: organisation.email,
    },
    taxStatements: organisation.taxStatements
      .map((entry) => ({
        country: entry.country,
        countryName: country(entry.country),
        statement: pickText(entry.statement, locale),
        statementLang: languageOf(entry.statement, locale),
      }))
      .sort((a, b) => collator.compare(a.countryName, b.countryName)),
  };
}

/** The language a text is shown in: the reader's when it has one, else English (its fallback). */
function languageOf(text: LocalizedText, locale: Locale): Locale {
  return text[locale] ? locale : 'en';
}
