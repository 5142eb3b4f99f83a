// "monthly-payment-failed": a monthly gift's charge was declined (invoice.payment_failed). The
// donor gets one link to fix it; stopping the gift is a reply away, so this email's footer
// does not say "do not reply" like the others.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import MonthlyPaymentFailedEmail, {
  monthlyPaymentFailedText,
  type MonthlyPaymentFailedStrings,
} from '../../../emails/monthly-payment-failed.tsx';
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

export const monthlyPaymentFailedProps = z.object({
  donorName: donorNameSchema,
  reference: referenceSchema,
  amountMinor: amountMinorSchema,
  currency: currencySchema,
  attemptedAt: isoDateTimeSchema,
  /** Opens the page where the donor updates the card or pays the failed month. */
  fixUrl: webUrlSchema,
});

export type MonthlyPaymentFailedProps = z.infer<typeof monthlyPaymentFailedProps>;

export const monthlyPaymentFailed: TemplateDefinition<MonthlyPaymentFailedProps> = {
  props: monthlyPaymentFailedProps,
  async render({ props, locale }) {
    const t = getT(locale, 'email');
    const frame = frameStrings(t);
    const values = { amount: money(props.amountMinor, props.currency, locale), date: longDate(props.attemptedAt, locale) };
    const details: DetailRow[] = [
      { label: t('giving.labels.monthlyGift'), value: values.amount },
      { label: t('giving.labels.attemptedOn'), value: values.date },
      { label: t('giving.labels.reference'), value: props.reference },
    ];
    const strings: MonthlyPaymentFailedStrings = {
      subject: t('monthlyPaymentFailed.subject', values),
      preview: t('monthlyPaymentFailed.preview'),
      brand: frame.brand,
      heading: t('monthlyPaymentFailed.heading'),
      greeting: greeting(t, props.donorName),
      body: t('monthlyPaymentFailed.body', values),
      button: t('monthlyPaymentFailed.button'),
      fallback: frame.fallback,
      reassurance: t('monthlyPaymentFailed.reassurance'),
      stop: t('monthlyPaymentFailed.stop', { reference: props.reference }),
      footer: t('monthlyPaymentFailed.footer'),
    };
    const view = { strings, details, fixUrl: props.fixUrl };
    const html = await render(createElement(MonthlyPaymentFailedEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: monthlyPaymentFailedText(view) };
  },
};
