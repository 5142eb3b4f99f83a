// "gift-receipt": the official receipt for money received, sent once per payment.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import GiftReceiptEmail, { giftReceiptText, type GiftReceiptStrings, type TrustLinks } from '../../../emails/gift-receipt.tsx';
import type { DetailRow } from '../../../emails/components/giving-parts.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import {
  amountMinorSchema,
  currencySchema,
  donorNameSchema,
  earmarkLabel,
  earmarkNote,
  earmarkSchema,
  frameStrings,
  greeting,
  isoDateTimeSchema,
  longDate,
  money,
  rate as formatRate,
  referenceSchema,
  webUrlSchema,
} from './giving-common.server.ts';
import type { TFunction } from 'i18next';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';
import { TRUST_PAGES } from '~/platform/trust-links.ts';

export const giftReceiptProps = z
  .object({
    donorName: donorNameSchema,
    reference: referenceSchema,
    paymentId: z.string().min(1).max(200),
    amountMinor: amountMinorSchema,
    currency: currencySchema,
    receivedAt: isoDateTimeSchema,
    method: z.enum(['card', 'bank_transfer']),
    frequency: z.enum(['once', 'monthly', 'instalments']),
    instalment: z.object({ sequence: z.number().int().positive(), count: z.number().int().positive() }).optional(),
    earmark: earmarkSchema,
    dedication: z.string().min(1).max(500).optional(),
    isAnonymous: z.boolean(),
    pledgeUrl: webUrlSchema.optional(),
    /** The donor's account (/account); absent in rows queued before accounts existed. */
    accountUrl: webUrlSchema.optional(),
    /** The trust pages (how the money is used, privacy, contact); absent in rows queued before they existed. */
    trustUrls: z.object({ money: webUrlSchema, privacy: webUrlSchema, contact: webUrlSchema }).optional(),
    /** A company or foundation: its name, registration or tax number and contact, as the receipt must show them. */
    organisation: z
      .object({
        name: z.string().min(1).max(300),
        taxNumber: z.string().min(1).max(100).optional(),
        contactName: z.string().min(1).max(300).optional(),
      })
      .optional(),
    /** The part of amountMinor that covers the card processing fee, when the donor chose to cover it. */
    feeCoverMinor: amountMinorSchema.optional(),
    /** For a gift in another currency: its value in US dollars at the operational rate pinned on its date. */
    usdEquivalent: z.object({ usdMinor: z.string().regex(/^\d{1,19}$/), usdRate: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/) }).optional(),
  })
  .refine((props) => !props.instalment || props.instalment.sequence <= props.instalment.count, {
    message: 'instalment sequence exceeds the count',
    path: ['instalment'],
  })
  .refine((props) => !props.feeCoverMinor || BigInt(props.feeCoverMinor) < BigInt(props.amountMinor), {
    message: 'the fee cover must be less than the amount',
    path: ['feeCoverMinor'],
  })
  .refine((props) => !props.usdEquivalent || props.currency !== 'USD', {
    message: 'a gift in US dollars has no USD equivalent',
    path: ['usdEquivalent'],
  });

export type GiftReceiptProps = z.infer<typeof giftReceiptProps>;

export const giftReceipt: TemplateDefinition<GiftReceiptProps> = {
  props: giftReceiptProps,
  async render({ props, locale }) {
    const t = getT(locale, ['email', 'account', 'trust']);
    const amount = money(props.amountMinor, props.currency, locale);
    const frame = frameStrings(t);
    const gift = props.instalment
      ? t('giving.frequency.instalment', { sequence: props.instalment.sequence, count: props.instalment.count })
      : t(`giving.frequency.${props.frequency}`);
    const organisation = props.organisation;
    const details: DetailRow[] = [
      ...(organisation ? organisationRows(t, organisation) : []),
      { label: t('giving.labels.amount'), value: amount },
      ...(props.feeCoverMinor ? [{ label: t('giving.labels.feeCover'), value: money(props.feeCoverMinor, props.currency, locale) }] : []),
      ...(props.usdEquivalent ? [{ label: t('giving.labels.usdEquivalent'), value: usdEquivalent(t, props, locale) }] : []),
      { label: t('giving.labels.receivedOn'), value: longDate(props.receivedAt, locale) },
      { label: t('giving.labels.gift'), value: gift },
      { label: t('giving.labels.paidBy'), value: t(`giving.method.${props.method}`) },
      { label: t('giving.labels.earmarkedTo'), value: earmarkLabel(t, props.earmark) },
      ...(props.dedication ? [{ label: t('giving.labels.dedication'), value: props.dedication }] : []),
      { label: t('giving.labels.reference'), value: props.reference },
      { label: t('giving.labels.paymentId'), value: props.paymentId },
    ];
    const strings: GiftReceiptStrings = {
      subject: t('giftReceipt.subject', { amount, reference: props.reference }),
      preview: t('giftReceipt.preview', { amount }),
      brand: frame.brand,
      heading: t('giftReceipt.heading'),
      greeting: greeting(t, organisation?.contactName ?? props.donorName),
      thanks: t('giftReceipt.thanks', { amount }),
      earmarkNote: earmarkNote(t, props.earmark),
      anonymous: props.isAnonymous ? t('giftReceipt.anonymous') : undefined,
      keep: t('giftReceipt.keep'),
      pledgeLink: t('giftReceipt.pledgeLink'),
      accountLink: t('account:emailLink.text'),
      footer: frame.footer,
    };
    const trustUrls = props.trustUrls;
    const trustLinks: TrustLinks | undefined = trustUrls
      ? {
          label: t('trust:email.links'),
          links: TRUST_PAGES.map((page) => {
            const text = t(`trust:nav.${page}`);
            return { text, url: trustUrls[page], line: t('trust:email.line', { page: text, url: trustUrls[page] }) };
          }),
        }
      : undefined;
    const view = { strings, details, pledgeUrl: props.pledgeUrl, accountUrl: props.accountUrl, trustLinks };
    const html = await render(createElement(GiftReceiptEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: giftReceiptText(view) };
  },
};

/** Who gave, for a company or foundation: the name, the number the form promised to print, the contact. */
function organisationRows(t: TFunction, organisation: NonNullable<GiftReceiptProps['organisation']>): DetailRow[] {
  return [
    { label: t('giving.labels.organisation'), value: organisation.name },
    ...(organisation.taxNumber ? [{ label: t('giving.labels.taxNumber'), value: organisation.taxNumber }] : []),
    ...(organisation.contactName ? [{ label: t('giving.labels.contactName'), value: organisation.contactName }] : []),
  ];
}

/** "$54.00 (operational rate: 1 EUR = 1.08 USD)" in the reader's language. */
function usdEquivalent(t: TFunction, props: GiftReceiptProps, locale: string): string {
  const equivalent = props.usdEquivalent!;
  return t('giving.usdAtRate', {
    usd: money(equivalent.usdMinor, 'USD', locale),
    rate: formatRate(equivalent.usdRate, locale),
    currency: props.currency,
  });
}
