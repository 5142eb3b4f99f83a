// "appeal": an outbox row names the appeal and the donor (or none, for a test to staff); the email
// is built when the outbox renders it, with each block's figures read then from the funding
// summaries (docs/decisions/047), in the reader's language when the draft has it and otherwise in
// the draft's fallback language (the whole email, so no message mixes two languages). The footer
// and RFC 8058 headers are the impact report's: unsubscribeLink and preferencesLink for APPEALS.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import AppealEmail, { appealText, type AppealBlockView, type AppealInline, type AppealIntroBlock } from '../../emails/appeal.tsx';
import { getEnv } from '~/platform/env.server.ts';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import { preferencesLink, unsubscribeLink } from '~/platform/email/unsubscribe-link.server.ts';
import { formatPercentFromBasisPoints, formatYear } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { parseMarkdown, type MarkdownBlock, type MarkdownInline } from '~/platform/markdown.ts';
import { formatMoney } from '~/platform/money.ts';
import { NIL_UUID } from '~/ledger/funding-figure-queries.server.ts';
import { readAppealEmailContent, type AppealEmailBlock, type AppealEmailContent } from './appeal-draft-queries.server.ts';
import { trackedLinkUrl } from './appeal-link.server.ts';

export const appealEmailProps = z.object({
  appealId: z.uuid(),
  /** The recipient; null in a test to staff and in the preview (their links name no donor) */
  donorId: z.uuid().nullable(),
  isTest: z.boolean().default(false),
  /** The A/B subject variant sent (0: the main subject; docs/decisions/049); absent or null: no test */
  variant: z.number().int().min(0).max(9).nullable().default(null),
});

export type AppealEmailProps = z.input<typeof appealEmailProps>;

/** Links in an appeal's intro keep only an https target; any other leaves its label as text. */
function httpsOnly(nodes: MarkdownInline[]): AppealInline[] {
  return nodes.flatMap((node): AppealInline[] => {
    if (node.type === 'text') return [node];
    const children = httpsOnly(node.children);
    if (node.type !== 'link') return [{ type: node.type, children }];
    return node.href.startsWith('https://') ? [{ type: 'link', href: node.href, children }] : children;
  });
}

/** The intro's Markdown as the template's tree: the safe subset, https links only. */
export function introBlocks(markdown: string): AppealIntroBlock[] {
  return parseMarkdown(markdown).map((block: MarkdownBlock): AppealIntroBlock =>
    block.type === 'paragraph'
      ? { type: 'paragraph', children: httpsOnly(block.children) }
      : { type: 'list', ordered: block.ordered, items: block.items.map(httpsOnly) },
  );
}

/** The call to action of a block: /give with the appeal's code and the programme or project. */
export function giveUrl({ code, block, appOrigin }: { code: string; block: Pick<AppealEmailBlock, 'kind' | 'key'>; appOrigin: string }) {
  const url = new URL('/give', appOrigin);
  url.searchParams.set('appeal', code);
  url.searchParams.set(block.kind, block.key);
  return url.toString();
}

/**
 * A block's link in one email: a tracked link (/a/<token>) when the email names its recipient,
 * the plain /give link in a preview or a test to staff (docs/decisions/050).
 */
export function blockUrl({
  content,
  block,
  donorId,
  appOrigin,
}: {
  content: Pick<AppealEmailContent, 'code' | 'appealId'>;
  block: Pick<AppealEmailBlock, 'kind' | 'key' | 'position'>;
  donorId: string | null;
  appOrigin: string;
}): string {
  if (donorId) return trackedLinkUrl({ appealId: content.appealId, donorId, block: block.position, appOrigin });
  return giveUrl({ code: content.code, block, appOrigin });
}

/** The language an email is written in: the reader's when the draft has it, else the fallback. */
export function emailLocale(content: Pick<AppealEmailContent, 'texts' | 'fallbackLocale'>, locale: Locale): Locale {
  return content.texts[locale] ? locale : content.fallbackLocale;
}

/** Variant n's subject (n ≥ 1) in `locale`; null for the main subject (variant 0 or none). */
export function variantSubject({
  content,
  locale,
  variant,
}: {
  content: Pick<AppealEmailContent, 'subjectVariants'>;
  locale: Locale;
  variant: number | null;
}): string | null {
  if (!variant) return null;
  return content.subjectVariants[variant - 1]?.[locale] || null;
}

/** Everything the template shows, for one reader, from the appeal's content as read now. */
export function appealEmailView({
  content,
  locale: readerLocale,
  donorId,
  isTest,
  variant = null,
  appOrigin = getEnv().APP_ORIGIN,
}: {
  content: AppealEmailContent;
  locale: Locale;
  donorId: string | null;
  isTest: boolean;
  variant?: number | null;
  appOrigin?: string;
}) {
  const locale = emailLocale(content, readerLocale);
  const written = content.texts[locale];
  if (!written) throw new Error('the appeal has no text in its fallback language');
  const texts = { ...written, subject: variantSubject({ content, locale, variant }) ?? written.subject };
  const t = getT(locale, ['appeal-email', 'email', 'impact']);
  const usd = (minor: number) => formatMoney(BigInt(minor), 'USD', locale);
  const linkDonor = donorId ?? NIL_UUID;
  const unsubscribe = unsubscribeLink({ donorId: linkDonor, kind: 'APPEALS', appOrigin });
  const blocks: AppealBlockView[] = content.blocks.map((block) => {
    const years =
      block.fromYear === block.toYear
        ? t('appeal-email:block.year', { year: formatYear(block.fromYear, locale) })
        : t('appeal-email:block.years', { from: formatYear(block.fromYear, locale), to: formatYear(block.toYear, locale) });
    return {
      title: pickText(block.title, locale),
      label: block.kind === 'project' ? t('appeal-email:block.project', { code: block.key }) : t('appeal-email:block.programme'),
      figuresLine: t('appeal-email:block.figures', {
        years,
        requirement: usd(block.figures.requirementUsdMinor),
        funded: usd(block.figures.fundedUsdMinor),
        coverage: formatPercentFromBasisPoints(block.figures.coverageBasisPoints, locale),
      }),
      gapLine: t('appeal-email:block.gap', { gap: usd(block.figures.gapUsdMinor) }),
      coveragePercent: block.figures.coverageBasisPoints / 100,
      button: t(`appeal-email:block.button.${block.kind}`),
      url: blockUrl({ content, block, donorId, appOrigin }),
    };
  });
  const subject = isTest ? t('appeal-email:testSubject', { subject: texts.subject }) : texts.subject;
  return {
    locale,
    subject,
    headers: unsubscribe.headers,
    props: {
      lang: locale,
      dir: directionOf(locale),
      strings: {
        subject: texts.subject,
        preview: texts.preheader || texts.subject,
        brand: t('email:brand'),
        ...(isTest ? { testNotice: t('appeal-email:testNotice') } : {}),
        buttonFallback: t('email:giving.fallback'),
        footer: t('email:footer'),
      },
      intro: introBlocks(texts.intro),
      blocks,
      marketingFooter: {
        why: t('appeal-email:why'),
        preferences: t('impact:report.preferences'),
        preferencesUrl: preferencesLink({ donorId: linkDonor, appOrigin }),
        unsubscribe: t('appeal-email:unsubscribe'),
        unsubscribeUrl: unsubscribe.url,
        address: t('impact:report.address'),
      },
    },
  };
}

/** The appeal rendered for one reader now: subject, HTML, text and the RFC 8058 headers. */
export async function renderAppealEmail({
  appealId,
  donorId,
  isTest,
  variant = null,
  locale,
  now = new Date(),
}: {
  appealId: string;
  donorId: string | null;
  isTest: boolean;
  variant?: number | null;
  locale: Locale;
  now?: Date;
}) {
  const content = await readAppealEmailContent({ appealId, now });
  if (!content) throw new Error(`no appeal ${appealId}`);
  const view = appealEmailView({ content, locale, donorId, isTest, variant });
  const html = await render(createElement(AppealEmail, view.props));
  const { lang: _lang, dir: _dir, ...textProps } = view.props;
  return { subject: view.subject, html, text: appealText(textProps), headers: view.headers, locale: view.locale };
}

export const appealEmail: TemplateDefinition<z.output<typeof appealEmailProps>> = {
  props: appealEmailProps,
  async render({ props, locale }) {
    const { subject, html, text, headers } = await renderAppealEmail({ ...props, locale });
    return { subject, html, text, headers };
  },
};
