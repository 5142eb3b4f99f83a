// "gift-receipt": the official receipt for money received, sent once per payment.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import GiftReceiptEmail, { giftReceiptText, type GiftReceiptStrings } from '../../../emails/gift-receipt.tsx';
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
  referenceSchema,
  webUrlSchema,
} from './giving-common.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';

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
  })
  .refine((props) => !props.instalment || props.instalment.sequence <= props.instalment.count, {
    message: 'instalment sequence exceeds the count',
    path: ['instalment'],
  });

export type GiftReceiptProps = z.infer<typeof giftReceiptProps>;

export const giftReceipt: TemplateDefinition<GiftReceiptProps> = {
  props: giftReceiptProps,
  async render({ props, locale }) {
    const t = getT(locale, 'email');
    const amount = money(props.amountMinor, props.currency, locale);
    const frame = frameStrings(t);
    const gift = props.instalment
      ? t('giving.frequency.instalment', { sequence: props.instalment.sequence, count: props.instalment.count })
      : t(`giving.frequency.${props.frequency}`);
    const details: DetailRow[] = [
      { label: t('giving.labels.amount'), value: amount },
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
      greeting: greeting(t, props.donorName),
      thanks: t('giftReceipt.thanks', { amount }),
      earmarkNote: earmarkNote(t, props.earmark),
      anonymous: props.isAnonymous ? t('giftReceipt.anonymous') : undefined,
      keep: t('giftReceipt.keep'),
      pledgeLink: t('giftReceipt.pledgeLink'),
      footer: frame.footer,
    };
    const view = { strings, details, pledgeUrl: props.pledgeUrl };
    const html = await render(createElement(GiftReceiptEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: giftReceiptText(view) };
  },
};
