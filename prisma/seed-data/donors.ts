// Demo donors of every type. Member States and the EU are real names (they are public donors to
// UNODC); companies, foundations and people are fictional, with reserved example domains.
import type { Locale } from '../../app/platform/i18n.ts';

export type DonorTypeSeed = 'INDIVIDUAL' | 'COMPANY' | 'FOUNDATION' | 'MEMBER_STATE' | 'INTERGOVERNMENTAL' | 'OTHER';

export interface DonorSeed {
  key: string;
  type: DonorTypeSeed;
  displayName: string;
  givenName?: string;
  familyName?: string;
  organisationName?: string;
  organisationId?: string;
  email: string | null;
  countryCode: string | null;
  locale: Locale;
  currency: string;
  isAnonymous?: boolean;
  /** Consent to impact reports / appeals (only donors with an email get consents). */
  consents?: { impactReports: boolean; appeals: boolean; withdrewAppeals?: boolean };
  /** Only in one story (seed.ts: the impact report, the lapsed corruption donors): no other demo gift is drawn for them. */
  storyOnly?: boolean;
  /** Their address bounced: it is in email_suppressions, so no email reaches it. */
  hasBounced?: boolean;
}

const memberState = (key: string, name: string, countryCode: string, currency: string, locale: Locale = 'en'): DonorSeed => ({
  key,
  type: 'MEMBER_STATE',
  displayName: name,
  organisationName: name,
  email: null,
  countryCode,
  locale,
  currency,
});

const person = (
  key: string,
  givenName: string,
  familyName: string,
  countryCode: string,
  locale: Locale,
  currency: string,
  extra: Partial<DonorSeed> = {},
): DonorSeed => ({
  key,
  type: 'INDIVIDUAL',
  displayName: `${givenName} ${familyName}`,
  givenName,
  familyName,
  email: `${key}@example.org`,
  countryCode,
  locale,
  currency,
  consents: { impactReports: true, appeals: true },
  ...extra,
});

// Private donors who funded the corruption programme last year and not since (seed.ts, "lapsed
// corruption donors"): the saved segment "Lapsed donors to the corruption programme" takes them in,
// and issue #15's walk sends them an appeal. Six languages; one later withdrew appeal consent and
// one's address bounced, so neither receives anything.
const lapsed = (
  key: string,
  givenName: string,
  familyName: string,
  countryCode: string,
  locale: Locale,
  currency: string,
  extra: Partial<DonorSeed> = {},
) =>
  person(`lapsed.${key}`, givenName, familyName, countryCode, locale, currency, {
    storyOnly: true,
    consents: { impactReports: false, appeals: true },
    ...extra,
  });

export const lapsedCorruptionDonors: DonorSeed[] = [
  lapsed('thomas.reid', 'Thomas', 'Reid', 'GB', 'en', 'GBP'),
  lapsed('grace.mwangi', 'Grace', 'Mwangi', 'KE', 'en', 'USD'),
  lapsed('liam.walsh', 'Liam', 'Walsh', 'IE', 'en', 'EUR'),
  lapsed('hannah.becker', 'Hannah', 'Becker', 'DE', 'en', 'EUR'),
  lapsed('claire.dubois', 'Claire', 'Dubois', 'FR', 'fr', 'EUR'),
  lapsed('moussa.traore', 'Moussa', 'Traoré', 'ML', 'fr', 'EUR'),
  lapsed('isabelle.roy', 'Isabelle', 'Roy', 'CA', 'fr', 'USD'),
  lapsed('luc.bernard', 'Luc', 'Bernard', 'BE', 'fr', 'EUR'),
  lapsed('carmen.ortiz', 'Carmen', 'Ortiz', 'MX', 'es', 'USD'),
  lapsed('javier.moreno', 'Javier', 'Moreno', 'ES', 'es', 'EUR'),
  lapsed('valentina.rojas', 'Valentina', 'Rojas', 'CL', 'es', 'USD'),
  lapsed('diego.castro', 'Diego', 'Castro', 'CO', 'es', 'USD'),
  lapsed('anna.ivanova', 'Anna', 'Ivanova', 'LV', 'ru', 'EUR'),
  lapsed('dmitri.sokolov', 'Dmitri', 'Sokolov', 'KZ', 'ru', 'USD'),
  lapsed('elena.kuznetsova', 'Elena', 'Kuznetsova', 'GE', 'ru', 'USD'),
  lapsed('li.na', 'Na', 'Li', 'CN', 'zh', 'USD'),
  lapsed('chen.jing', 'Jing', 'Chen', 'HK', 'zh', 'USD'),
  lapsed('wang.fang', 'Fang', 'Wang', 'MY', 'zh', 'USD'),
  lapsed('omar.khalil', 'Omar', 'Khalil', 'EG', 'ar', 'USD'),
  lapsed('layla.haddad', 'Layla', 'Haddad', 'LB', 'ar', 'USD'),
  lapsed('youssef.benali', 'Youssef', 'Benali', 'MA', 'ar', 'EUR'),
  lapsed('noura.alharbi', 'Noura', 'Al-Harbi', 'SA', 'ar', 'USD'),
  lapsed('peter.novak', 'Peter', 'Novák', 'CZ', 'en', 'EUR', { consents: { impactReports: false, appeals: true, withdrewAppeals: true } }),
  // Resend's test address: every message to it bounces; the bounce is already on record.
  lapsed('sam.taylor', 'Sam', 'Taylor', 'AU', 'en', 'USD', { email: 'bounced+lapsed-appeal@resend.dev', hasBounced: true }),
];

export const donorSeeds: DonorSeed[] = [
  memberState('de', 'Germany', 'DE', 'EUR'),
  memberState('no', 'Norway', 'NO', 'NOK'),
  memberState('se', 'Sweden', 'SE', 'SEK'),
  memberState('jp', 'Japan', 'JP', 'JPY'),
  memberState('gb', 'United Kingdom of Great Britain and Northern Ireland', 'GB', 'GBP'),
  memberState('ch', 'Switzerland', 'CH', 'CHF', 'fr'),
  memberState('kw', 'Kuwait', 'KW', 'KWD', 'ar'),
  memberState('us', 'United States of America', 'US', 'USD'),
  memberState('qa', 'Qatar', 'QA', 'USD', 'ar'),
  {
    key: 'eu',
    type: 'INTERGOVERNMENTAL',
    displayName: 'European Union',
    organisationName: 'European Union',
    email: null,
    countryCode: null,
    locale: 'en',
    currency: 'EUR',
  },
  {
    key: 'meridian',
    type: 'COMPANY',
    displayName: 'Meridian Freight Lines Ltd',
    organisationName: 'Meridian Freight Lines Ltd',
    organisationId: 'GB-COH-09876543',
    email: 'responsibility@meridian-freight.example',
    countryCode: 'GB',
    locale: 'en',
    currency: 'GBP',
    consents: { impactReports: true, appeals: true },
  },
  {
    key: 'kestrel',
    type: 'COMPANY',
    displayName: 'Kestrel Payments AG',
    organisationName: 'Kestrel Payments AG',
    organisationId: 'CHE-123.456.789',
    email: 'foundation@kestrel-payments.example',
    countryCode: 'CH',
    locale: 'fr',
    currency: 'CHF',
    consents: { impactReports: true, appeals: false },
  },
  {
    key: 'nordlys',
    type: 'COMPANY',
    displayName: 'Nordlys Maritime AS',
    organisationName: 'Nordlys Maritime AS',
    organisationId: 'NO-987654321',
    email: 'csr@nordlys-maritime.example',
    countryCode: 'NO',
    locale: 'en',
    currency: 'NOK',
    consents: { impactReports: true, appeals: false },
  },
  {
    key: 'aurora',
    type: 'FOUNDATION',
    displayName: 'Aurora Justice Foundation',
    organisationName: 'Aurora Justice Foundation',
    organisationId: 'US-EIN-12-3456789',
    email: 'grants@aurora-justice.example',
    countryCode: 'US',
    locale: 'en',
    currency: 'USD',
    consents: { impactReports: true, appeals: true },
  },
  {
    key: 'lumiere',
    type: 'FOUNDATION',
    displayName: "Fondation Lumière pour l'enfance",
    organisationName: "Fondation Lumière pour l'enfance",
    organisationId: 'FR-RNA-W751234567',
    email: 'dons@fondation-lumiere.example',
    countryCode: 'FR',
    locale: 'fr',
    currency: 'EUR',
    consents: { impactReports: true, appeals: true },
  },
  {
    key: 'vienna-students',
    type: 'OTHER',
    displayName: 'Vienna Students for Justice (association)',
    organisationName: 'Vienna Students for Justice',
    email: 'board@vienna-students.example',
    countryCode: 'AT',
    locale: 'en',
    currency: 'EUR',
    consents: { impactReports: true, appeals: true },
  },
  person('amina.diallo', 'Amina', 'Diallo', 'SN', 'fr', 'EUR'),
  person('sofia.ramirez', 'Sofía', 'Ramírez', 'ES', 'es', 'EUR'),
  person('zhang.wei', 'Wei', 'Zhang', 'SG', 'zh', 'USD'),
  person('olga.petrova', 'Olga', 'Petrova', 'KZ', 'ru', 'USD'),
  person('fatima.alsayed', 'Fatima', 'Al-Sayed', 'KW', 'ar', 'KWD'),
  person('hiroshi.tanaka', 'Hiroshi', 'Tanaka', 'JP', 'en', 'JPY', { consents: { impactReports: true, appeals: false } }),
  person('emma.johansson', 'Emma', 'Johansson', 'SE', 'en', 'SEK'),
  person('margaret.oneill', 'Margaret', "O'Neill", 'GB', 'en', 'GBP'),
  person('jean-pierre.martin', 'Jean-Pierre', 'Martin', 'FR', 'fr', 'EUR', {
    consents: { impactReports: true, appeals: true, withdrewAppeals: true },
  }),
  person('priya.raman', 'Priya', 'Raman', 'IN', 'en', 'USD'),
  person('daniel.okafor', 'Daniel', 'Okafor', 'NG', 'en', 'USD'),
  person('lucia.fernandez', 'Lucía', 'Fernández', 'AR', 'es', 'USD'),
  person('karl.meier', 'Karl', 'Meier', 'CH', 'en', 'CHF', { isAnonymous: true }),
  person('yusuf.haddad', 'Yusuf', 'Haddad', 'JO', 'ar', 'USD', { isAnonymous: true, consents: { impactReports: false, appeals: false } }),
  person('ingrid.solberg', 'Ingrid', 'Solberg', 'NO', 'en', 'NOK', { isAnonymous: true }),
  // The impact-report story (seed.ts, "impact-report story"): their gifts fall in the two quarters
  // that ended last, so a report run of either has something to tell them.
  person('report-story', 'Rosa', 'Reportwell', 'US', 'en', 'USD', {
    storyOnly: true,
    consents: { impactReports: true, appeals: false },
  }),
  person('report-story-bounce', 'Layla', 'Mansour', 'JO', 'ar', 'USD', {
    // Resend's test address: every message to it bounces (the fake and the real API agree)
    email: 'bounced+report-story@resend.dev',
    storyOnly: true,
    consents: { impactReports: true, appeals: false },
  }),
  ...lapsedCorruptionDonors,
];

/** Individuals who give every month: currency amount (major units), earmark, months of giving so far. */
export const monthlyGivers: {
  donor: string;
  amountMajor: number;
  earmark: 'GENERAL_PURPOSE' | 'trafficking-in-persons' | 'corruption';
  months: number;
}[] = [
  { donor: 'sofia.ramirez', amountMajor: 25, earmark: 'GENERAL_PURPOSE', months: 14 },
  { donor: 'priya.raman', amountMajor: 50, earmark: 'GENERAL_PURPOSE', months: 9 },
  { donor: 'margaret.oneill', amountMajor: 20, earmark: 'trafficking-in-persons', months: 11 },
  { donor: 'emma.johansson', amountMajor: 300, earmark: 'corruption', months: 7 },
];

/** Consent wording shown to the donor, in the donor's language. */
export const consentWording: Record<'IMPACT_REPORTS' | 'APPEALS', Record<Locale, string>> = {
  IMPACT_REPORTS: {
    en: 'Send me reports on the projects my gifts support.',
    fr: 'Envoyez-moi des rapports sur les projets que mes dons soutiennent.',
    es: 'Envíenme informes sobre los proyectos que apoyan mis donaciones.',
    ru: 'Присылайте мне отчеты о проектах, которые поддерживают мои пожертвования.',
    zh: '请向我发送我的捐款所支持项目的报告。',
    ar: 'أرسلوا إليّ تقارير عن المشاريع التي تدعمها تبرعاتي.',
  },
  APPEALS: {
    en: 'Tell me about new appeals and funding needs.',
    fr: 'Informez-moi des nouveaux appels et des besoins de financement.',
    es: 'Infórmenme de nuevos llamamientos y necesidades de financiación.',
    ru: 'Сообщайте мне о новых призывах и потребностях в финансировании.',
    zh: '请告知我新的募捐呼吁和资金需求。',
    ar: 'أبلغوني بالنداءات الجديدة واحتياجات التمويل.',
  },
};
