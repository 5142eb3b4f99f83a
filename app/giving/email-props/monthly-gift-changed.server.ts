// "monthly-gift-changed": Stripe's webhook reported a change to a monthly gift (a new amount, a
// pause, a resumption, the end, a new card; docs/decisions/043 and 045). Sent from the same
// transaction that records the change, so the email says exactly what Stripe did, never what a
// form asked for. The footer does not say "do not reply": a donor who did not make the change can
// write back.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import MonthlyGiftChangedEmail, { monthlyGiftChangedText, type MonthlyGiftChangedStrings } from '../../../emails/monthly-gift-changed.tsx';
import type { DetailRow } from '../../../emails/components/giving-parts.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import {
  amountMinorSchema,
  currencySchema,
  donorNameSchema,
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

export const monthlyGiftChangeKinds = ['AMOUNT_CHANGED', 'PAUSED', 'RESUMED', 'CANCELLED', 'CARD_UPDATED'] as const;

export const monthlyGiftChangedProps = z.object({
  donorName: donorNameSchema,
  reference: referenceSchema,
  kind: z.enum(monthlyGiftChangeKinds),
  /** The monthly amount after the change */
  amountMinor: amountMinorSchema,
  /** For a new amount: the amount before it */
  previousAmountMinor: amountMinorSchema.optional(),
  currency: currencySchema,
  at: isoDateTimeSchema,
  /** The donor's page for this gift (sign-in first, if needed) */
  accountUrl: webUrlSchema,
});

export type MonthlyGiftChangedProps = z.infer<typeof monthlyGiftChangedProps>;

const keyOf = {
  AMOUNT_CHANGED: 'amountChanged',
  PAUSED: 'paused',
  RESUMED: 'resumed',
  CANCELLED: 'cancelled',
  CARD_UPDATED: 'cardUpdated',
} as const;

export const monthlyGiftChanged: TemplateDefinition<MonthlyGiftChangedProps> = {
  props: monthlyGiftChangedProps,
  async render({ props, locale }) {
    const t = getT(locale, 'monthly');
    const emailT = getT(locale, 'email');
    const frame = frameStrings(emailT);
    const key = keyOf[props.kind];
    const values = {
      amount: money(props.amountMinor, props.currency, locale),
      previous: props.previousAmountMinor ? money(props.previousAmountMinor, props.currency, locale) : '',
      date: longDate(props.at, locale),
      reference: props.reference,
    };
    const details: DetailRow[] = [
      { label: t('email.labels.amount'), value: values.amount },
      { label: t('email.labels.changedOn'), value: values.date },
      { label: t('email.labels.reference'), value: props.reference },
    ];
    const body =
      props.kind === 'AMOUNT_CHANGED' && !props.previousAmountMinor
        ? t('email.amountChanged.bodyNoPrevious', values)
        : t(`email.${key}.body`, values);
    const strings: MonthlyGiftChangedStrings = {
      subject: t(`email.${key}.subject`, values),
      preview: t(`email.${key}.preview`, values),
      brand: frame.brand,
      heading: t(`email.${key}.heading`),
      greeting: greeting(emailT, props.donorName),
      body,
      button: t('email.button'),
      fallback: frame.fallback,
      notYou: t('email.notYou', values),
      footer: t('email.footer'),
    };
    const view = { strings, details, accountUrl: props.accountUrl };
    const html = await render(createElement(MonthlyGiftChangedEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: monthlyGiftChangedText(view) };
  },
};
