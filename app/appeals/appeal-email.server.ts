// "appeal": an outbox row names the appeal and the donor (or none, for a test to staff); the email
// is built when the outbox renders it, with each block's figures read then from the funding
// summaries (docs/decisions/047), in the reader's language when the draft has it and otherwise in
// the draft's fallback language (the whole email, so no message mixes two languages). The footer
// and RFC 8058 headers are the impact report's: unsubscribeLink and preferencesLink for APPEALS.
import { randomBytes } from 'node:crypto';
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import AppealEmail, {
  appealText,
  type AppealBlockView,
  type AppealEmailProps as AppealTemplateProps,
  type AppealInline,
  type AppealIntroBlock,
} from '../../emails/appeal.tsx';
import { getEnv } from '~/platform/env.server.ts';
import type { RenderBatchCache, TemplateDefinition } from '~/platform/email/templates.ts';
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

/** The parts of an appeal email that name its reader: each block's link and the footer's two links. */
export interface RecipientLinks {
  /** One per block of the content, in order */
  blockUrls: string[];
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** The reader's links (tracked links and signed footer links), and the RFC 8058 headers. */
export function recipientLinks({
  content,
  donorId,
  appOrigin = getEnv().APP_ORIGIN,
}: {
  content: Pick<AppealEmailContent, 'code' | 'appealId' | 'blocks'>;
  donorId: string | null;
  appOrigin?: string;
}): { links: RecipientLinks; headers: Record<string, string> } {
  const linkDonor = donorId ?? NIL_UUID;
  const unsubscribe = unsubscribeLink({ donorId: linkDonor, kind: 'APPEALS', appOrigin });
  return {
    links: {
      blockUrls: content.blocks.map((block) => blockUrl({ content, block, donorId, appOrigin })),
      unsubscribeUrl: unsubscribe.url,
      preferencesUrl: preferencesLink({ donorId: linkDonor, appOrigin }),
    },
    headers: unsubscribe.headers,
  };
}

/** What the template shows in one language and subject variant, with the given links. */
function templatePropsFor({
  content,
  locale: readerLocale,
  isTest,
  variant,
  links,
}: {
  content: AppealEmailContent;
  locale: Locale;
  isTest: boolean;
  variant: number | null;
  links: RecipientLinks;
}) {
  const locale = emailLocale(content, readerLocale);
  const written = content.texts[locale];
  if (!written) throw new Error('the appeal has no text in its fallback language');
  const texts = { ...written, subject: variantSubject({ content, locale, variant }) ?? written.subject };
  const t = getT(locale, ['appeal-email', 'email', 'impact']);
  const usd = (minor: number) => formatMoney(BigInt(minor), 'USD', locale);
  const blocks: AppealBlockView[] = content.blocks.map((block, index) => {
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
      url: links.blockUrls[index]!,
    };
  });
  const subject = isTest ? t('appeal-email:testSubject', { subject: texts.subject }) : texts.subject;
  return {
    locale,
    subject,
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
        preferencesUrl: links.preferencesUrl,
        unsubscribe: t('appeal-email:unsubscribe'),
        unsubscribeUrl: links.unsubscribeUrl,
        address: t('impact:report.address'),
      },
    } satisfies AppealTemplateProps,
  };
}

/** Everything the template shows, for one reader, from the appeal's content as read now. */
export function appealEmailView({
  content,
  locale,
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
  const { links, headers } = recipientLinks({ content, donorId, appOrigin });
  return { ...templatePropsFor({ content, locale, isTest, variant, links }), headers };
}

/** The props with the reader's links in place of the slots' (the rest is shared). */
function withLinks(props: AppealTemplateProps, links: RecipientLinks): AppealTemplateProps {
  return {
    ...props,
    blocks: props.blocks.map((block, index) => ({ ...block, url: links.blockUrls[index]! })),
    marketingFooter: { ...props.marketingFooter, preferencesUrl: links.preferencesUrl, unsubscribeUrl: links.unsubscribeUrl },
  };
}

/** React's escaping of text and attribute values (react-dom/server's escapeTextForBrowser). */
const HTML_ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (value: string) => value.replace(/["&'<>]/g, (char) => HTML_ESCAPES[char]!);

/**
 * The appeal in one language and variant, rendered once with a slot in place of each link that
 * names the reader; the slots carry a random nonce, so no text an officer writes can match one.
 */
interface AppealSkeleton {
  locale: Locale;
  subject: string;
  props: AppealTemplateProps;
  html: string;
  slot: RegExp;
}

async function renderSkeleton({
  content,
  locale,
  isTest,
  variant,
}: {
  content: AppealEmailContent;
  locale: Locale;
  isTest: boolean;
  variant: number | null;
}): Promise<AppealSkeleton> {
  const nonce = randomBytes(12).toString('hex');
  const slotOf = (index: number) => `appeal-slot-${nonce}-${index}`;
  // Slots 0…n-1: the blocks' links; n: unsubscribe; n+1: preferences (the order of linkValues).
  const count = content.blocks.length;
  const links: RecipientLinks = {
    blockUrls: content.blocks.map((_block, index) => slotOf(index)),
    unsubscribeUrl: slotOf(count),
    preferencesUrl: slotOf(count + 1),
  };
  const view = templatePropsFor({ content, locale, isTest, variant, links });
  const html = await render(createElement(AppealEmail, view.props));
  return { locale: view.locale, subject: view.subject, props: view.props, html, slot: new RegExp(`appeal-slot-${nonce}-(\\d+)`, 'g') };
}

const linkValues = (links: RecipientLinks) => [...links.blockUrls, links.unsubscribeUrl, links.preferencesUrl];

/** A value kept in the batch's cache under `key`, made once; a failure is not kept (the next row tries again). */
function cached<T>(cache: RenderBatchCache, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key) as Promise<T> | undefined; // only this module writes its keys
  if (known) return known;
  const made = make();
  cache.set(key, made);
  made.catch(() => cache.delete(key));
  return made;
}

/**
 * The appeal rendered for one reader now: subject, HTML, text and the RFC 8058 headers. With a
 * batch's `cache`, the appeal is read once per batch and its template rendered once per language,
 * variant and kind (test or not); each reader's email is then that HTML with the reader's links
 * put in (escaped as React escapes them): byte for byte what a full render gives.
 */
export async function renderAppealEmail({
  appealId,
  donorId,
  isTest,
  variant = null,
  locale,
  now = new Date(),
  cache = new Map(),
}: {
  appealId: string;
  donorId: string | null;
  isTest: boolean;
  variant?: number | null;
  locale: Locale;
  now?: Date;
  cache?: RenderBatchCache;
}) {
  const content = await cached(cache, `appeal:${appealId}`, () => readAppealEmailContent({ appealId, now }));
  if (!content) throw new Error(`no appeal ${appealId}`);
  const skeleton = await cached(cache, `appeal:${appealId}:${emailLocale(content, locale)}:${variant ?? 0}:${isTest}`, () =>
    renderSkeleton({ content, locale, isTest, variant }),
  );
  const { links, headers } = recipientLinks({ content, donorId });
  const values = linkValues(links).map(escapeHtml);
  const html = skeleton.html.replace(skeleton.slot, (_slot, index: string) => values[Number(index)]!);
  const { lang: _lang, dir: _dir, ...textProps } = withLinks(skeleton.props, links);
  return { subject: skeleton.subject, html, text: appealText(textProps), headers, locale: skeleton.locale };
}

export const appealEmail: TemplateDefinition<z.output<typeof appealEmailProps>> = {
  props: appealEmailProps,
  async render({ props, locale, cache }) {
    const { subject, html, text, headers } = await renderAppealEmail({ ...props, locale, cache });
    return { subject, html, text, headers };
  },
};
