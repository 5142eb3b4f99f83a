// What the web version of an impact report shows (/impact/report/<signed token>): the report the
// donor was emailed, from its outbox row, translated and formatted by the email's own
// impactReportView so the page and the email cannot drift apart. It speaks the donor's language
// (the row's locale) unless the visitor picked another with the language switcher.
import { pageTitle } from '~/platform/i18n.server.ts';
import { defaultLocale, directionOf, isLocale, type Locale } from '~/platform/i18n.ts';
import { impactReportProps, impactReportView } from './impact-report-email.server.ts';
import { readImpactReportWebLink } from './impact-report-links.server.ts';
import { findStoredImpactReport } from './impact-report-web-queries.server.ts';

export type ImpactReportWebPage =
  | { state: 'not-found' | 'gone' }
  | {
      state: 'report';
      locale: Locale;
      dir: 'ltr' | 'rtl';
      /** The document title, in the report's language */
      title: string;
      view: Omit<ReturnType<typeof impactReportView>, 'unsubscribe'> & { unsubscribeUrl: string };
    };

/**
 * The page for a web-version token. not-found: the link was altered, made for another purpose,
 * or names a (donor, period) with no report; gone: the donor has since been erased.
 */
export async function loadImpactReportWebPage({
  token,
  chosenLocale,
}: {
  token: string | undefined;
  /** The visitor's explicit language choice (?lng=), if any */
  chosenLocale?: Locale;
}): Promise<ImpactReportWebPage> {
  const link = token ? readImpactReportWebLink(token) : null;
  if (!link) return { state: 'not-found' };
  const stored = await findStoredImpactReport(link);
  if (!stored.found) return { state: 'not-found' };
  if (stored.isDonorErased) return { state: 'gone' };
  const props = impactReportProps.safeParse(stored.props);
  if (!props.success || props.data.donorId !== link.donorId) return { state: 'not-found' };
  const locale = chosenLocale ?? (isLocale(stored.locale) ? stored.locale : defaultLocale);
  const { unsubscribe, ...view } = impactReportView(props.data, locale);
  return {
    state: 'report',
    locale,
    dir: directionOf(locale),
    title: pageTitle(locale, view.strings.heading),
    view: { ...view, unsubscribeUrl: unsubscribe.url },
  };
}
