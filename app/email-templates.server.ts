// Turns an outbox row (template id, locale, props) into subject, HTML and text. Templates in
// emails/ are pure components; this module supplies the translated strings and the direction.
// Rendering depends only on the row, so a retried send produces the same body (Resend refuses
// a reused idempotency key with a different payload).
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import SignInLinkEmail, { signInLinkText, type SignInLinkStrings } from '../emails/sign-in-link.tsx';
import { bankTransferInstructions, type BankTransferInstructionsProps } from '~/giving/email-props/bank-transfer-instructions.server.ts';
import { giftReceipt, type GiftReceiptProps } from '~/giving/email-props/gift-receipt.server.ts';
import { instalmentReminder, type InstalmentReminderProps } from '~/giving/email-props/instalment-reminder.server.ts';
import { monthlyPaymentFailed, type MonthlyPaymentFailedProps } from '~/giving/email-props/monthly-payment-failed.server.ts';
import { monthlyGiftChanged, type MonthlyGiftChangedProps } from '~/giving/email-props/monthly-gift-changed.server.ts';
import { impactReport, type ImpactReportProps } from '~/impact/impact-report-email.server.ts';
import { allocationNotice, type AllocationNoticeProps } from '~/impact/allocation-notice-email.server.ts';
import { accountSignInLink, type AccountSignInLinkProps } from '~/account/sign-in-email.server.ts';
import { appealEmail, type AppealEmailProps } from '~/appeals/appeal-email.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { defaultLocale, directionOf, isLocale } from '~/platform/i18n.ts';
import type { EmailRenderer, RenderBatchCache, RenderedEmail, TemplateDefinition } from '~/platform/email/templates.ts';

const signInLinkProps = z.object({ url: z.url(), expiresInMinutes: z.number().int().positive() });

const signInLink: TemplateDefinition<z.infer<typeof signInLinkProps>> = {
  props: signInLinkProps,
  async render({ props, locale }) {
    const t = getT(locale, 'email');
    const strings: SignInLinkStrings = {
      subject: t('signInLink.subject'),
      preview: t('signInLink.preview'),
      brand: t('brand'),
      heading: t('signInLink.heading'),
      intro: t('signInLink.intro'),
      button: t('signInLink.button'),
      expiry: t('signInLink.expiry', { minutes: props.expiresInMinutes }),
      fallback: t('signInLink.fallback'),
      ignore: t('signInLink.ignore'),
      footer: t('footer'),
    };
    const element = createElement(SignInLinkEmail, { ...props, lang: locale, dir: directionOf(locale), strings });
    return { subject: strings.subject, html: await render(element), text: signInLinkText({ url: props.url, strings }) };
  },
  // The link signs its holder in: once mailed, the outbox keeps no usable copy of it.
  redactAfterSend: (props) => ({ url: '[redacted after sending]', expiresInMinutes: props.expiresInMinutes }),
};

const staffInvitationProps = z.object({
  url: z.url(),
  expiresInDays: z.number().int().positive(),
  inviterName: z.string(),
  roles: z.array(z.enum(['ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE'])),
});

// An invitation is a sign-in link that lasts days (docs/decisions/027): the same email frame, its own words.
const staffInvitation: TemplateDefinition<z.infer<typeof staffInvitationProps>> = {
  props: staffInvitationProps,
  async render({ props, locale }) {
    const t = getT(locale, ['staff', 'auth', 'email']);
    const roles = props.roles.map((role) => t(`auth:roles.${role}`)).join(', ');
    const strings: SignInLinkStrings = {
      subject: t('staff:invitationEmail.subject'),
      preview: t('staff:invitationEmail.preview', { inviter: props.inviterName }),
      brand: t('email:brand'),
      heading: t('staff:invitationEmail.heading'),
      intro: t('staff:invitationEmail.intro', { inviter: props.inviterName, roles }),
      button: t('staff:invitationEmail.button'),
      expiry: t('staff:invitationEmail.expiry', { days: props.expiresInDays }),
      fallback: t('email:signInLink.fallback'),
      ignore: t('staff:invitationEmail.ignore'),
      footer: t('email:footer'),
    };
    const element = createElement(SignInLinkEmail, {
      url: props.url,
      expiresInMinutes: props.expiresInDays * 24 * 60,
      lang: locale,
      dir: directionOf(locale),
      strings,
    });
    return { subject: strings.subject, html: await render(element), text: signInLinkText({ url: props.url, strings }) };
  },
  redactAfterSend: (props) => ({ url: '[redacted after sending]', expiresInDays: props.expiresInDays, inviterName: props.inviterName }),
};

/** Props of each template id, for callers of enqueueEmail (the outbox stores them as JSON). */
export interface EmailTemplateProps {
  'sign-in-link': z.infer<typeof signInLinkProps>;
  'gift-receipt': GiftReceiptProps;
  'bank-transfer-instructions': BankTransferInstructionsProps;
  'instalment-reminder': InstalmentReminderProps;
  'monthly-payment-failed': MonthlyPaymentFailedProps;
  'monthly-gift-changed': MonthlyGiftChangedProps;
  'staff-invitation': z.infer<typeof staffInvitationProps>;
  'impact-report': ImpactReportProps;
  'allocation-notice': AllocationNoticeProps;
  'account-sign-in-link': AccountSignInLinkProps;
  appeal: AppealEmailProps;
}

const templates: Record<string, TemplateDefinition<never> | undefined> = {
  'sign-in-link': signInLink as TemplateDefinition<never>,
  'gift-receipt': giftReceipt as TemplateDefinition<never>,
  'bank-transfer-instructions': bankTransferInstructions as TemplateDefinition<never>,
  'instalment-reminder': instalmentReminder as TemplateDefinition<never>,
  'monthly-payment-failed': monthlyPaymentFailed as TemplateDefinition<never>,
  'monthly-gift-changed': monthlyGiftChanged as TemplateDefinition<never>,
  'staff-invitation': staffInvitation as TemplateDefinition<never>,
  'impact-report': impactReport as TemplateDefinition<never>,
  'allocation-notice': allocationNotice as TemplateDefinition<never>,
  'account-sign-in-link': accountSignInLink as TemplateDefinition<never>,
  appeal: appealEmail as TemplateDefinition<never>,
};

export class UnknownEmailTemplateError extends Error {}

function definitionOf(template: string): TemplateDefinition<unknown> {
  const definition = templates[template];
  if (!definition) throw new UnknownEmailTemplateError(`unknown email template "${template}"`);
  return definition as TemplateDefinition<unknown>;
}

/** Renders a template in a locale (unknown locales fall back to English). */
export async function renderEmail({
  template,
  locale,
  props,
  cache,
}: {
  template: string;
  locale: string;
  props: unknown;
  /** Shared by the rows of one outbox batch (templates that can reuse work use it) */
  cache?: RenderBatchCache;
}): Promise<RenderedEmail> {
  const definition = definitionOf(template);
  return definition.render({ props: definition.props.parse(props), locale: isLocale(locale) ? locale : defaultLocale, cache });
}

/** The props to store after sending, or undefined to keep them as they are. */
export function redactedPropsAfterSend({ template, props }: { template: string; props: unknown }) {
  const definition = definitionOf(template);
  return definition.redactAfterSend?.(definition.props.parse(props));
}

/** Every template of the portal, as the send-email task renders them. */
export const emailRenderer: EmailRenderer = { render: renderEmail, redactAfterSend: redactedPropsAfterSend };
