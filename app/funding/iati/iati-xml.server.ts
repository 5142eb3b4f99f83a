// IATI 2.03 XML (https://iatistandard.org/en/iati-standard/203/): the activity file (one
// iati-activity per project) and the organisation file. Elements follow the XSD sequences
// exactly (the schemas in ../shared/iati/ validate both files in the tests). Every text and
// attribute is escaped; texts come in the six UN languages as `narrative xml:lang`.
//
// Reporting organisation: `XI-IATI-UNODC-CPCJ` is an illustrative identifier in the IATI
// registration agency's format ({agency}-{number}); the IATI Registry issues the real one
// before publication, and this constant is the one place to change it.
import type { IatiData, IatiIndicator, IatiProject, IatiProvider, IatiTransaction } from './iati-queries.server.ts';
import type { DonorType, ProjectStatus } from '~/generated/prisma/client.ts';
import { locales, type Locale, type LocalizedText } from '~/platform/i18n.ts';
import { markdownToPlainText } from '~/platform/markdown.ts';
import { minorToDecimalString } from '~/platform/money.ts';

export const IATI_VERSION = '2.03';
export const REPORTING_ORG_REF = 'XI-IATI-UNODC-CPCJ';
/** IATI OrganisationType 40: Multilateral */
const MULTILATERAL = '40';

const REPORTING_ORG_NAME: Record<Locale, string> = {
  en: 'United Nations Office on Drugs and Crime',
  fr: 'Office des Nations Unies contre la drogue et le crime',
  es: 'Oficina de las Naciones Unidas contra la Droga y el Delito',
  ru: 'Управление Организации Объединенных Наций по наркотикам и преступности',
  zh: '联合国毒品和犯罪问题办公室',
  ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة',
};

const REGULAR_BUDGET_NAME: Record<Locale, string> = {
  en: 'United Nations regular budget',
  fr: 'Budget ordinaire de l’Organisation des Nations Unies',
  es: 'Presupuesto ordinario de las Naciones Unidas',
  ru: 'Регулярный бюджет Организации Объединенных Наций',
  zh: '联合国经常预算',
  ar: 'الميزانية العادية للأمم المتحدة',
};

const PRIVATE_DONORS_NAME: Record<Locale, string> = {
  en: 'Private and anonymous donors',
  fr: 'Donateurs privés et anonymes',
  es: 'Donantes privados y anónimos',
  ru: 'Частные и анонимные доноры',
  zh: '私人和匿名捐助者',
  ar: 'المانحون من القطاع الخاص والمانحون المجهولو الهوية',
};

/** IATI ActivityStatus codes */
export const activityStatusCodes: Record<ProjectStatus, string> = {
  PIPELINE: '1',
  IMPLEMENTATION: '2',
  FINALISATION: '3',
  CLOSED: '4',
  CANCELLED: '5',
  SUSPENDED: '6',
};

/** IATI OrganisationType codes (individuals never appear: they are pooled as private donors) */
const organisationTypes: Record<DonorType, string> = {
  MEMBER_STATE: '10',
  INTERGOVERNMENTAL: '40',
  FOUNDATION: '60',
  COMPANY: '70',
  INDIVIDUAL: '90',
  OTHER: '90',
};

// ---------------------------------------------------------------- a tiny XML writer

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | undefined>;
  children?: XmlNode[];
  text?: string;
}

// XML 1.0 forbids most control characters and unpaired surrogates even as references.
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content; characters XML cannot carry are dropped. */
export function escapeXmlText(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Escapes an attribute value (quotes, and whitespace a parser would otherwise normalise). */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

function renderNode(node: XmlNode, depth: number): string {
  const indent = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
  if (node.text !== undefined) return `${indent}<${node.name}${attrs}>${escapeXmlText(node.text)}</${node.name}>`;
  if (!node.children || node.children.length === 0) return `${indent}<${node.name}${attrs}/>`;
  const inner = node.children.map((child) => renderNode(child, depth + 1)).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}

export function renderXmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderNode(root, 0)}\n`;
}

// ---------------------------------------------------------------- shared pieces

const el = (name: string, attrs?: XmlNode['attrs'], children?: XmlNode[]): XmlNode => ({ name, attrs, children });

/** One narrative per language that has a non-empty text (English first, always present). */
function narratives(text: Partial<Record<Locale, string>>): XmlNode[] {
  return locales
    .filter((locale) => typeof text[locale] === 'string' && text[locale]?.trim() !== '')
    .map((locale) => ({ name: 'narrative', attrs: { 'xml:lang': locale }, text: text[locale] ?? '' }));
}

const usd = (minor: bigint) => minorToDecimalString(minor, 'USD');
const value = (minor: bigint, valueDate: string): XmlNode => ({
  name: 'value',
  attrs: { currency: 'USD', 'value-date': valueDate },
  text: usd(minor),
});
const period = (year: number): XmlNode[] => [
  el('period-start', { 'iso-date': `${year}-01-01` }),
  el('period-end', { 'iso-date': `${year}-12-31` }),
];
const reportingOrg = (): XmlNode => el('reporting-org', { ref: REPORTING_ORG_REF, type: MULTILATERAL }, narratives(REPORTING_ORG_NAME));
const dateTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function providerKey(provider: IatiProvider): string {
  return provider.kind === 'donor' ? `donor:${provider.donorId}` : provider.kind;
}

function providerOrg(provider: IatiProvider, elementName: string, extra: Record<string, string> = {}): XmlNode {
  if (provider.kind === 'regular-budget') return el(elementName, { type: MULTILATERAL, ...extra }, narratives(REGULAR_BUDGET_NAME));
  if (provider.kind === 'private') return el(elementName, { type: organisationTypes.OTHER, ...extra }, narratives(PRIVATE_DONORS_NAME));
  // A donor's name is its own, in no particular language: the activity's default (en) applies.
  return el(elementName, { type: organisationTypes[provider.donorType], ...extra }, [{ name: 'narrative', text: provider.name }]);
}

// ---------------------------------------------------------------- activities

/** The activity identifier: reporting organisation + "-" + project code. */
export function iatiIdentifier(projectCode: string): string {
  return `${REPORTING_ORG_REF}-${projectCode}`;
}

function activityDates(project: IatiProject): XmlNode[] {
  // 1 planned start, 2 actual start, 3 planned end, 4 actual end
  const startType = project.status === 'PIPELINE' ? '1' : '2';
  const endType = project.status === 'CLOSED' ? '4' : '3';
  return [
    el('activity-date', { type: startType, 'iso-date': project.startDate }),
    el('activity-date', { type: endType, 'iso-date': project.endDate }),
  ];
}

function geography(project: IatiProject): XmlNode[] {
  // ActivityScope: 1 global, 2 regional, 4 national
  const scope = project.countryCode ? '4' : project.regionCode === '001' ? '1' : '2';
  const place = project.countryCode
    ? el('recipient-country', { code: project.countryCode })
    : // UN M49 codes are RegionVocabulary 2 ("UN"), not the DAC region list (vocabulary 1).
      el('recipient-region', { code: project.regionCode, vocabulary: '2' });
  return [el('activity-scope', { code: scope }), place];
}

function transaction(project: IatiProject, item: IatiTransaction, typeCode: '11' | '12'): XmlNode {
  return el('transaction', undefined, [
    el('transaction-type', { code: typeCode }),
    el('transaction-date', { 'iso-date': item.date }),
    value(item.usdMinor, item.date),
    providerOrg(item.provider, 'provider-org'),
    el(
      'receiver-org',
      { ref: REPORTING_ORG_REF, type: MULTILATERAL, 'receiver-activity-id': iatiIdentifier(project.code) },
      narratives({ en: REPORTING_ORG_NAME.en }),
    ),
  ]);
}

/** A text map with each language's Markdown turned into plain text (IATI narratives carry no markup). */
function plainTexts(text: Partial<Record<Locale, string>>): Partial<Record<Locale, string>> {
  return Object.fromEntries(Object.entries(text).map(([locale, value]) => [locale, markdownToPlainText(value ?? '')]));
}

/**
 * An impact update as a link to its place on the project page: DocumentCategory A08 (results,
 * outcomes and outputs), its title, its narrative as plain text, its languages and date.
 */
function updateLink(project: IatiProject, update: IatiProject['updates'][number], origin: string): XmlNode {
  const url = new URL(`/projects/${encodeURIComponent(project.code)}#update-${update.id}`, origin).href;
  const languages = locales.filter((locale) => update.title[locale] || update.body[locale]);
  return el('document-link', { url, format: 'text/html' }, [
    el('title', undefined, narratives(update.title)),
    el('description', undefined, narratives(plainTexts(update.body))),
    el('category', { code: 'A08' }),
    ...languages.map((code) => el('language', { code })),
    el('document-date', { 'iso-date': update.publishedOn }),
  ]);
}

/**
 * One result (ResultType 1, output) per indicator: its baseline in the project's first year, its
 * target, and each actual value as a period from the start of its year to its measurement date.
 * IndicatorMeasure 2 for percentages, else 1 (unit).
 */
function result(project: IatiProject, indicator: IatiIndicator): XmlNode {
  const measure = /^(%|percent|percentage)$/i.test(indicator.unit) ? '2' : '1';
  const ascending = Number(indicator.target) >= Number(indicator.baseline) ? '1' : '0';
  const baselineYear = project.startDate.slice(0, 4);
  return el('result', { type: '1', 'aggregation-status': '0' }, [
    el('title', undefined, narratives(indicator.name)),
    el('indicator', { measure, ascending }, [
      el('title', undefined, narratives(indicator.name)),
      el('reference', { vocabulary: '99', code: indicator.code }),
      el('baseline', { year: baselineYear, 'iso-date': project.startDate, value: indicator.baseline }),
      ...indicator.values.map((actual) =>
        el('period', undefined, [
          el('period-start', { 'iso-date': `${actual.measuredOn.slice(0, 4)}-01-01` }),
          el('period-end', { 'iso-date': actual.measuredOn }),
          el('target', { value: indicator.target }),
          el('actual', { value: actual.value }),
        ]),
      ),
    ]),
  ]);
}

function activity(project: IatiProject, origin: string): XmlNode {
  const funders = new Map<string, IatiProvider>();
  for (const item of [...project.commitments, ...project.funds]) funders.set(providerKey(item.provider), item.provider);
  // Named donors alphabetically, then the pooled private donors, then the regular budget.
  const rank = (provider: IatiProvider) => (provider.kind === 'donor' ? `0${provider.name}` : provider.kind === 'private' ? '1' : '2');
  const sortedFunders = [...funders.values()].sort((a, b) => rank(a).localeCompare(rank(b), 'en'));
  return el('iati-activity', { 'last-updated-datetime': dateTime(project.updatedAt), 'xml:lang': 'en', 'default-currency': 'USD' }, [
    { name: 'iati-identifier', text: iatiIdentifier(project.code) },
    reportingOrg(),
    el('title', undefined, narratives(project.title)),
    el('description', { type: '1' }, narratives(project.description)),
    // ParticipatingOrgRole: 1 funding, 4 implementing
    ...sortedFunders.map((provider) => providerOrg(provider, 'participating-org', { role: '1' })),
    el('participating-org', { ref: REPORTING_ORG_REF, type: MULTILATERAL, role: '4' }, narratives(REPORTING_ORG_NAME)),
    // OtherIdentifierType A1: the reporting organisation's own activity identifier
    el('other-identifier', { ref: project.code, type: 'A1' }),
    el('activity-status', { code: activityStatusCodes[project.status] }),
    ...activityDates(project),
    ...geography(project),
    el('sector', { vocabulary: '1', code: project.sectorCode }),
    // BudgetType 1 original, BudgetStatus 2 committed: the approved yearly requirement
    ...project.budgets.map((budget) =>
      el('budget', { type: '1', status: '2' }, [...period(budget.year), value(budget.usdMinor, `${budget.year}-01-01`)]),
    ),
    // TransactionType 11 incoming commitment (pledges), 12 incoming funds (allocated money)
    ...project.commitments.map((item) => transaction(project, item, '11')),
    ...project.funds.map((item) => transaction(project, item, '12')),
    ...project.updates.map((update) => updateLink(project, update, origin)),
    ...project.indicators.map((indicator) => result(project, indicator)),
  ]);
}

/** The iati-activities document: one iati-activity per project; `origin` is the portal's public address (links to updates). */
export function buildActivitiesXml(data: IatiData, { origin }: { origin: string }): string {
  return renderXmlDocument(
    el(
      'iati-activities',
      { version: IATI_VERSION, 'generated-datetime': dateTime(data.asOf) },
      data.projects.map((project) => activity(project, origin)),
    ),
  );
}

// ---------------------------------------------------------------- organisation

function sumBy<K>(entries: [K, bigint][]): Map<K, bigint> {
  const totals = new Map<K, bigint>();
  for (const [key, amount] of entries) totals.set(key, (totals.get(key) ?? 0n) + amount);
  return totals;
}

/** The iati-organisations document: UNODC's yearly requirements, by programme, region and country. */
export function buildOrganisationXml(data: IatiData): string {
  const budgets = data.projects.flatMap((project) => project.budgets.map((budget) => ({ project, ...budget })));
  const years = [...new Set(budgets.map((budget) => budget.year))].sort((a, b) => a - b);
  const byYear = sumBy(budgets.map((b) => [b.year, b.usdMinor]));
  const byProgramme = sumBy(budgets.map((b) => [`${b.year}|${b.project.programmeCode}`, b.usdMinor]));
  const byRegion = sumBy(budgets.filter((b) => !b.project.countryCode).map((b) => [`${b.project.regionCode}|${b.year}`, b.usdMinor]));
  const byCountry = sumBy(budgets.filter((b) => b.project.countryCode).map((b) => [`${b.project.countryCode}|${b.year}`, b.usdMinor]));
  const placeBudgets = (totals: Map<string, bigint>, element: string, place: (code: string) => XmlNode) =>
    [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, amount]) => {
        const [code = '', year = ''] = key.split('|');
        return el(element, { status: '2' }, [place(code), ...period(Number(year)), value(amount, `${year}-01-01`)]);
      });

  const totalBudgets = years.map((year) =>
    el('total-budget', { status: '2' }, [
      ...period(year),
      value(byYear.get(year) ?? 0n, `${year}-01-01`),
      ...data.programmes
        .filter((programme) => byProgramme.has(`${year}|${programme.code}`))
        .map((programme) =>
          el('budget-line', { ref: programme.code }, [
            value(byProgramme.get(`${year}|${programme.code}`) ?? 0n, `${year}-01-01`),
            ...narratives(programme.title as LocalizedText),
          ]),
        ),
    ]),
  );
  return renderXmlDocument(
    el('iati-organisations', { version: IATI_VERSION, 'generated-datetime': dateTime(data.asOf) }, [
      el('iati-organisation', { 'last-updated-datetime': dateTime(data.asOf), 'xml:lang': 'en', 'default-currency': 'USD' }, [
        { name: 'organisation-identifier', text: REPORTING_ORG_REF },
        el('name', undefined, narratives(REPORTING_ORG_NAME)),
        reportingOrg(),
        ...totalBudgets,
        ...placeBudgets(byRegion, 'recipient-region-budget', (code) => el('recipient-region', { vocabulary: '2', code })),
        ...placeBudgets(byCountry, 'recipient-country-budget', (code) => el('recipient-country', { code })),
      ]),
    ]),
  );
}
