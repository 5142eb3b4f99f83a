// "allocation-notice": the props an outbox row keeps for one donor's notice of one day (JSON:
// amounts as strings, project titles in six languages) and its rendering in the donor's
// language, with the impact report's footer and RFC 8058 unsubscribe headers (the notice belongs
// to the IMPACT_REPORTS consent). Links are derived from the row, so a retried send is identical.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import AllocationNoticeEmail, { allocationNoticeText, type AllocationNoticeStrings } from '../../emails/allocation-notice.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import { preferencesLink, unsubscribeLink } from '~/platform/email/unsubscribe-link.server.ts';
import { formatDate } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';
import { localized, minor, placeOf } from './impact-report-email.server.ts';

export const allocationNoticeProps = z.object({
  donorId: z.uuid(),
  donorName: z.string().min(1).max(300),
  /** The UTC day the allocations were decided */
  day: z.iso.date(),
  projects: z
    .array(
      z.object({
        code: z.string().min(1).max(64),
        title: localized,
        countryCode: z.string().length(2).nullable(),
        regionCode: z.string().min(1).max(3),
        /** The donor's part of the day's allocations to this project, USD minor units */
        usdMinor: minor,
        url: z.url({ protocol: /^https?$/ }),
      }),
    )
    .min(1)
    .max(200),
});

export type AllocationNoticeProps = z.infer<typeof allocationNoticeProps>;

/** Everything the template shows, translated and formatted for one reader. */
export function allocationNoticeView(props: AllocationNoticeProps, locale: Locale) {
  const t = getT(locale, ['impact-notice', 'impact', 'email']);
  const usd = (value: bigint) => formatMoney(value, 'USD', locale);
  const date = formatDate(props.day, locale);
  const unsubscribe = unsubscribeLink({ donorId: props.donorId, kind: 'IMPACT_REPORTS' });
  const strings: AllocationNoticeStrings = {
    subject: t('impact-notice:subject', { date }),
    preview: t('impact-notice:preview', { date }),
    brand: t('email:brand'),
    heading: t('impact-notice:heading'),
    greeting: t('impact:report.greeting', { name: props.donorName }),
    intro: t('impact-notice:intro', { date }),
    total: t('impact-notice:total'),
    projectLink: t('impact:report.projectLink'),
    next: t('impact-notice:next'),
    footer: t('email:footer'),
  };
  const projects = props.projects.map((project) => ({
    label: t('impact-notice:project', { project: pickText(project.title, locale), place: placeOf(project, locale) }),
    amount: usd(BigInt(project.usdMinor)),
    url: project.url,
  }));
  return {
    strings,
    projects,
    totalAmount: usd(props.projects.reduce((sum, project) => sum + BigInt(project.usdMinor), 0n)),
    footerLinks: {
      why: t('impact-notice:why'),
      preferences: t('impact:report.preferences'),
      preferencesUrl: preferencesLink({ donorId: props.donorId }),
      unsubscribe: t('impact:report.unsubscribe'),
      unsubscribeUrl: unsubscribe.url,
      address: t('impact:report.address'),
    },
    headers: unsubscribe.headers,
  };
}

export const allocationNotice: TemplateDefinition<AllocationNoticeProps> = {
  props: allocationNoticeProps,
  async render({ props, locale }) {
    const { headers, ...content } = allocationNoticeView(props, locale);
    const html = await render(createElement(AllocationNoticeEmail, { ...content, lang: locale, dir: directionOf(locale) }));
    return { subject: content.strings.subject, html, text: allocationNoticeText(content), headers };
  },
};
