// "bank-transfer-instructions": sent when a donor pledges by bank transfer (once or in instalments).
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import BankTransferInstructionsEmail, {
  bankTransferInstructionsText,
  type BankTransferInstructionsStrings,
} from '../../../emails/bank-transfer-instructions.tsx';
import type { DetailRow } from '../../../emails/components/giving-parts.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import {
  amountMinorSchema,
  bankRows,
  bankSchema,
  currencySchema,
  donorNameSchema,
  earmarkLabel,
  earmarkSchema,
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

const scheduledInstalment = z.object({
  sequence: z.number().int().positive(),
  dueOn: isoDaySchema,
  amountMinor: amountMinorSchema,
});

export const bankTransferInstructionsProps = z
  .object({
    donorName: donorNameSchema,
    reference: referenceSchema,
    amountMinor: amountMinorSchema,
    currency: currencySchema,
    frequency: z.enum(['once', 'instalments']),
    /** For a one-off transfer: empty, or one entry whose dueOn is the day to pay by. */
    instalments: z.array(scheduledInstalment).max(120),
    bank: bankSchema,
    instructionsUrl: webUrlSchema,
    earmark: earmarkSchema,
  })
  .refine((props) => (props.frequency === 'instalments' ? props.instalments.length > 0 : props.instalments.length <= 1), {
    message: 'a pledge in instalments lists its schedule; a one-off transfer has at most one due date',
    path: ['instalments'],
  });

export type BankTransferInstructionsProps = z.infer<typeof bankTransferInstructionsProps>;

export const bankTransferInstructions: TemplateDefinition<BankTransferInstructionsProps> = {
  props: bankTransferInstructionsProps,
  async render({ props, locale }) {
    const t = getT(locale, 'email');
    const frame = frameStrings(t);
    const amount = money(props.amountMinor, props.currency, locale);
    const isSchedule = props.frequency === 'instalments';
    const instalments = [...props.instalments].sort((a, b) => a.sequence - b.sequence);
    const oneOffDue = !isSchedule ? instalments[0] : undefined;
    const pledge: DetailRow[] = [
      { label: t(isSchedule ? 'giving.labels.totalPledged' : 'giving.labels.amount'), value: amount },
      ...(oneOffDue ? [{ label: t('giving.labels.transferBy'), value: longDate(oneOffDue.dueOn, locale) }] : []),
      { label: t('giving.labels.earmarkedTo'), value: earmarkLabel(t, props.earmark) },
    ];
    const schedule: DetailRow[] = isSchedule
      ? instalments.map((instalment) => ({
          label: t('giving.frequency.instalment', { sequence: instalment.sequence, count: instalments.length }),
          value: t('bankTransferInstructions.scheduleRow', {
            amount: money(instalment.amountMinor, props.currency, locale),
            date: longDate(instalment.dueOn, locale),
          }),
        }))
      : [];
    const strings: BankTransferInstructionsStrings = {
      subject: t('bankTransferInstructions.subject', { amount, reference: props.reference }),
      preview: t('bankTransferInstructions.preview'),
      brand: frame.brand,
      heading: t('bankTransferInstructions.heading'),
      greeting: greeting(t, props.donorName),
      intro: t('bankTransferInstructions.intro'),
      referenceLabel: t('giving.reference.label'),
      referenceNote: t('giving.reference.note'),
      pledgeHeading: t('bankTransferInstructions.pledgeHeading'),
      bankHeading: t('giving.bank.heading'),
      scheduleHeading: t('bankTransferInstructions.scheduleHeading'),
      scheduleNote: isSchedule ? t('bankTransferInstructions.scheduleNote') : undefined,
      currencyNote: t('bankTransferInstructions.currencyNote', { currency: props.currency }),
      button: t('bankTransferInstructions.button'),
      fallback: frame.fallback,
      footer: frame.footer,
    };
    const view = {
      strings,
      reference: props.reference,
      pledge,
      schedule,
      bank: bankRows(t, props.bank),
      instructionsUrl: props.instructionsUrl,
    };
    const html = await render(createElement(BankTransferInstructionsEmail, { ...view, lang: locale, dir: directionOf(locale) }));
    return { subject: strings.subject, html, text: bankTransferInstructionsText(view) };
  },
};
