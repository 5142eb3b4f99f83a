// "impact-report": the props an outbox row keeps for one donor's report (JSON: amounts as
// strings, texts in six languages) and their rendering in the donor's language, with RFC 8058
// unsubscribe headers. Rendering depends only on the row (the signed links are derived from it),
// so a retried send is byte-identical, as Resend's idempotency requires.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import ImpactReportEmail, { impactReportText, type ImpactReportProject, type ImpactReportStrings } from '../../emails/impact-report.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import { unsubscribeLink } from '~/platform/email/unsubscribe-link.server.ts';
import { formatDate, formatNumber, formatPercentFromBasisPoints, regionName } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { markdownToPlainText } from '~/platform/markdown.ts';
import { formatMoney, isSupportedCurrency } from '~/platform/money.ts';
import type { DonorImpact } from './donor-impact-queries.server.ts';

/** Minor units as a JSON string (bigint does not survive JSON). */
export const minor = z.string().regex(/^-?\d{1,19}$/);
/** A text in up to six languages, English required. */
export const localized = z.record(z.string(), z.string()).refine((text) => typeof text.en === 'string', 'English text required');
const day = z.iso.date();
const money = z.object({
  currency: z.string().refine((code): boolean => isSupportedCurrency(code), 'unsupported currency'),
  amountMinor: minor,
});

export const impactReportProps = z.object({
  donorId: z.uuid(),
  donorName: z.string().min(1).max(300),
  /** First day of the period and the day after its last (the period is [from, to)) */
  from: day,
  to: day,
  givenInPeriod: z.array(money).max(50),
  givenToDate: z.array(money).max(50),
  projects: z
    .array(
      z.object({
        code: z.string().min(1).max(64),
        title: localized,
        countryCode: z.string().length(2).nullable(),
        regionCode: z.string().min(1).max(3),
        donorUsdMinor: minor,
        donorPooledUsdMinor: minor,
        projectUsdMinor: minor,
        shareBasisPoints: z.number().int().min(0).max(10_000),
        coverageBasisPoints: z.number().int().min(0),
        gapUsdMinor: minor,
        url: z.url({ protocol: /^https?$/ }),
        updates: z.array(z.object({ title: localized, body: localized, publishedAt: day })).max(20),
        indicators: z
          .array(z.object({ name: localized, unit: z.string().max(100), before: z.string(), after: z.string(), target: z.string() }))
          .max(20),
      }),
    )
    .max(200),
  notices: z.array(z.object({ title: localized, decidedAt: day, usdMinor: minor })).max(200),
  webVersionUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The donor's account (/account); absent in rows queued before accounts existed. */
  accountUrl: z.url({ protocol: /^https?$/ }).optional(),
  preferencesUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export type ImpactReportProps = z.infer<typeof impactReportProps>;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The outbox props of a report: what getDonorImpact found, as JSON, with the links to show. */
export function impactReportPropsFrom({
  impact,
  donorName,
  projectUrl,
  webVersionUrl,
  accountUrl,
  preferencesUrl,
}: {
  impact: DonorImpact;
  donorName: string;
  projectUrl: (code: string) => string;
  webVersionUrl?: string;
  accountUrl?: string;
  preferencesUrl?: string;
}): ImpactReportProps {
  const amounts = (list: DonorImpact['givenInPeriod']) =>
    list.map((entry) => ({ currency: entry.currency, amountMinor: String(entry.amountMinor) }));
  return {
    donorId: impact.donorId,
    donorName,
    from: isoDay(impact.period.from),
    to: isoDay(impact.period.to),
    givenInPeriod: amounts(impact.givenInPeriod),
    givenToDate: amounts(impact.givenToDate),
    projects: impact.projects.map((project) => ({
      code: project.code,
      title: project.title,
      countryCode: project.countryCode,
      regionCode: project.regionCode,
      donorUsdMinor: String(project.donorUsdMinor),
      donorPooledUsdMinor: String(project.donorUsdMinor - project.donorEarmarkedUsdMinor),
      projectUsdMinor: String(project.projectUsdMinor),
      shareBasisPoints: Number(project.shareBasisPoints),
      coverageBasisPoints: project.coverage.coverageBasisPoints,
      gapUsdMinor: String(project.coverage.gapUsdMinor),
      url: projectUrl(project.code),
      updates: project.updates.map((update) => ({ title: update.title, body: update.body, publishedAt: isoDay(update.publishedAt) })),
      indicators: project.indicators.map(({ name, unit, before, after, target }) => ({ name, unit, before, after, target })),
    })),
    notices: impact.allocationNotices.map((notice) => ({
      title: notice.title,
      decidedAt: isoDay(notice.decidedAt),
      usdMinor: String(notice.usdMinor),
    })),
    ...(webVersionUrl ? { webVersionUrl } : {}),
    ...(accountUrl ? { accountUrl } : {}),
    ...(preferencesUrl ? { preferencesUrl } : {}),
  };
}

/** Where a project works, in the reader's language: its country, else its region, or "Global" (M49 001). */
export function placeOf({ countryCode, regionCode }: { countryCode: string | null; regionCode: string }, locale: Locale): string {
  if (countryCode) return regionName(locale)(countryCode);
  return regionCode === '001' ? getT(locale, 'impact')('report.global') : regionName(locale)(regionCode);
}

/** A share of 10,000 basis points as a percentage with up to two decimals: 4286 → "42.86%". */
const sharePercent = (basisPoints: number, locale: Locale) =>
  formatNumber(basisPoints / 10_000, locale, { style: 'percent', maximumFractionDigits: 2 });

/** An indicator value as stored ("120.0000") in the reader's digits, without trailing zeros. */
const measure = (value: string, locale: Locale) => formatNumber(Number(value), locale, { maximumFractionDigits: 4 });

const EXCERPT_LENGTH = 280;
function excerpt(markdown: string): string {
  const text = markdownToPlainText(markdown).replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : text;
}

/** Everything the template shows, translated and formatted for one reader. */
export function impactReportView(props: ImpactReportProps, locale: Locale) {
  const t = getT(locale, ['impact', 'email', 'account']);
  const usd = (value: string) => formatMoney(BigInt(value), 'USD', locale);
  const date = (iso: string) => formatDate(iso, locale);
  // The period is [from, to): the report names its last day.
  const lastDay = new Date(Date.parse(`${props.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const period = { from: date(props.from), to: date(lastDay) };
  const unsubscribe = unsubscribeLink({ donorId: props.donorId, kind: 'IMPACT_REPORTS' });
  const strings: ImpactReportStrings = {
    subject: t('impact:report.subject', period),
    preview: t('impact:report.preview', period),
    brand: t('email:brand'),
    heading: t('impact:report.heading', period),
    greeting: t('impact:report.greeting', { name: props.donorName }),
    intro: t('impact:report.intro', period),
    givenHeading: t('impact:report.givenHeading'),
    projectsHeading: t('impact:report.projectsHeading'),
    noProjects: t('impact:report.noProjects'),
    updatesHeading: t('impact:report.updatesHeading'),
    indicatorsHeading: t('impact:report.indicatorsHeading'),
    projectLink: t('impact:report.projectLink'),
    noticesHeading: t('impact:report.noticesHeading'),
    webVersion: t('impact:report.webVersion'),
    accountLink: t('account:emailLink.text'),
    preferences: t('impact:report.preferences'),
    unsubscribe: t('impact:report.unsubscribe'),
    why: t('impact:report.why'),
    address: t('impact:report.address'),
    footer: t('email:footer'),
  };
  const moneyRows = (list: ImpactReportProps['givenToDate'], key: 'givenInPeriod' | 'givenToDate') =>
    list.map((entry) => ({
      label: t(`impact:report.${key}`, { currency: entry.currency }),
      value: formatMoney(BigInt(entry.amountMinor), entry.currency, locale),
    }));
  const given = [
    ...(props.givenInPeriod.length > 0
      ? moneyRows(props.givenInPeriod, 'givenInPeriod')
      : [{ label: t('impact:report.nothingInPeriod'), value: '—' }]),
    ...moneyRows(props.givenToDate, 'givenToDate'),
  ];
  const projects: ImpactReportProject[] = props.projects.map((project) => {
    const title = pickText(project.title, locale);
    return {
      title,
      place: placeOf(project, locale),
      amountLine: t('impact:report.amountLine', {
        amount: usd(project.donorUsdMinor),
        share: sharePercent(project.shareBasisPoints, locale),
        total: usd(project.projectUsdMinor),
      }),
      ...(BigInt(project.donorPooledUsdMinor) > 0n
        ? { poolLine: t('impact:report.poolLine', { amount: usd(project.donorPooledUsdMinor) }) }
        : {}),
      coverageLine: t('impact:report.coverageLine', {
        coverage: formatPercentFromBasisPoints(project.coverageBasisPoints, locale),
        gap: usd(project.gapUsdMinor),
      }),
      coveragePercent: project.coverageBasisPoints / 100,
      updates: project.updates.map((update) => ({
        title: pickText(update.title, locale),
        date: date(update.publishedAt),
        excerpt: excerpt(pickText(update.body, locale)),
      })),
      indicators: project.indicators.map((indicator) =>
        t('impact:report.indicator', {
          name: pickText(indicator.name, locale),
          before: measure(indicator.before, locale),
          after: measure(indicator.after, locale),
          target: measure(indicator.target, locale),
          unit: indicator.unit,
        }),
      ),
      url: project.url,
    };
  });
  const notices = props.notices.map((notice) =>
    t('impact:report.notice', { date: date(notice.decidedAt), amount: usd(notice.usdMinor), project: pickText(notice.title, locale) }),
  );
  return {
    strings,
    given,
    projects,
    notices,
    unsubscribe,
    ...(props.webVersionUrl ? { webVersionUrl: props.webVersionUrl } : {}),
    ...(props.accountUrl ? { accountUrl: props.accountUrl } : {}),
    ...(props.preferencesUrl ? { preferencesUrl: props.preferencesUrl } : {}),
  };
}

export const impactReport: TemplateDefinition<ImpactReportProps> = {
  props: impactReportProps,
  async render({ props, locale }) {
    const { unsubscribe, ...view } = impactReportView(props, locale);
    const content = { ...view, unsubscribeUrl: unsubscribe.url };
    const html = await render(createElement(ImpactReportEmail, { ...content, lang: locale, dir: directionOf(locale) }));
    return { subject: view.strings.subject, html, text: impactReportText(content), headers: unsubscribe.headers };
  },
};
