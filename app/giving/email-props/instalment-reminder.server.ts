// "instalment-reminder": one instalment of a pledge, 7 days before it is due ("upcoming") and,
// while unpaid, 3 and 14 days after ("overdue-3", "overdue-14"). Each kind has its own subject
// and wording; the instalment's figures and the way to pay are the same.
import { render } from '@react-email/render';
import type { TFunction } from 'i18next';
import { createElement } from 'react';
import { z } from 'zod';
import InstalmentReminderEmail, {
  instalmentReminderText,
  type InstalmentReminderAction,
  type InstalmentReminderStrings,
} from '../../../emails/instalment-reminder.tsx';
import type { DetailRow } from '../../../emails/components/giving-parts.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import {
  amountMinorSchema,
  bankRows,
  bankSchema,
  currencySchema,
  donorNameSchema,
  frameStrings,
  greeting,
  isoDaySchema,
  longDate,
  money,
  referenceSchema,
  webUrlSchema,
} from './giving-common.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';

export const instalmentReminderKinds = ['upcoming', 'overdue-3', 'overdue-14'] as const;

export const instalmentReminderProps = z
  .object({
    donorName: donorNameSchema,
    reference: referenceSchema,
    kind: z.enum(instalmentReminderKinds),
    sequence: z.number().int().positive(),
    count: z.number().int().positive(),
    dueOn: isoDaySchema,
    amountMinor: amountMinorSchema,
    currency: currencySchema,
    method: z.enum(['card', 'bank_transfer']),
    /** Card pledges: opens checkout for this instalment. */
    payUrl: webUrlSchema.optional(),
    /** Bank-transfer pledges: where to send the money. */
    bank: bankSchema.optional(),
    pledgeUrl: webUrlSchema,
  })
  .refine((props) => props.sequence <= props.count, { message: 'sequence exceeds the count', path: ['sequence'] })
  .refine((props) => (props.method === 'card' ? props.payUrl !== undefined : props.bank !== undefined), {
    message: 'a card reminder needs payUrl; a bank-transfer reminder needs bank',
    path: ['method'],
  });

export type InstalmentReminderProps = z.infer<typeof instalmentReminderProps>;

function actionOf(props: InstalmentReminderProps, t: TFunction): InstalmentReminderAction {
  // The schema's refinement guarantees the field each method needs.
  if (props.method === 'card' && props.payUrl) return { method: 'card', payUrl: props.payUrl };
  if (props.bank) return { method: 'bank_transfer', reference: props.reference, bank: bankRows(t, props.bank) };
  throw new Error(`instalment-reminder: no way to pay for method ${props.method}`);
}

export const instalmentReminder: TemplateDefinition<InstalmentReminderProps> = {
  props: instalmentReminderProps,
  async render({ props, locale }) {
    const t = getT(locale, 'email');
    const frame = frameStrings(t);
    const values = {
      amount: money(props.amountMinor, props.currency, locale),
      date: longDate(props.dueOn, locale),
      sequence: props.sequence,
      count: props.count,
    };
    const details: DetailRow[] = [
      { label: t('giving.labels.instalment'), value: t('instalmentReminder.sequence', values) },
      { label: t('giving.labels.amount'), value: values.amount },
      { label: t('giving.labels.dueOn'), value: values.date },
      { label: t('giving.labels.reference'), value: props.reference },
    ];
    const kind = `instalmentReminder.${props.kind}`;
    const strings: InstalmentReminderStrings = {
      subject: t(`${kind}.subject`, values),
      preview: t(`${kind}.preview`, values),
      brand: frame.brand,
      heading: t(`${kind}.heading`),
      greeting: greeting(t, props.donorName),
      body: t(`${kind}.body`, values),
      payButton: t('instalmentReminder.payButton'),
      fallback: frame.fallback,
      referenceLabel: t('giving.reference.label'),
      referenceNote: t('giving.reference.note'),
      bankHeading: t('giving.bank.heading'),
      alreadyPaid: t('instalmentReminder.alreadyPaid'),
      pledgeLink: t('instalmentReminder.pledgeLink'),
      footer: frame.footer,
    };
    const view = { strings, details, action: actionOf(props, t), pledgeUrl: props.pledgeUrl };
    const html = await render(createElement(InstalmentReminderEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: instalmentReminderText(view) };
  },
};
