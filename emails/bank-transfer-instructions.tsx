// How to pay a pledge by bank transfer: the reference to quote (the only way finance staff can
// match the money to the pledge), the bank details, and what to send when. Pure: values arrive
// translated and formatted by app/giving/email-props/bank-transfer-instructions.server.ts.
import { Heading, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import {
  ActionButton,
  DetailTable,
  ReferenceCallout,
  SectionHeading,
  detailLines,
  headingStyle,
  paragraphStyle,
  type DetailRow,
} from './components/giving-parts.tsx';

export interface BankTransferInstructionsStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  intro: string;
  referenceLabel: string;
  referenceNote: string;
  pledgeHeading: string;
  bankHeading: string;
  scheduleHeading: string;
  /** Present for pledges in instalments: how the schedule works. */
  scheduleNote?: string;
  currencyNote: string;
  button: string;
  fallback: string;
  footer: string;
}

export interface BankTransferInstructionsEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: BankTransferInstructionsStrings;
  reference: string;
  /** Amount, earmark, and for a one-off transfer its due date. */
  pledge: DetailRow[];
  /** One row per instalment ("Instalment 1 of 3" → "€100.00 by 5 March 2026"); empty for a one-off gift. */
  schedule: DetailRow[];
  bank: DetailRow[];
  instructionsUrl: string;
}

export default function BankTransferInstructionsEmail(props: BankTransferInstructionsEmailProps) {
  const { lang, dir, strings, reference, pledge, schedule, bank, instructionsUrl } = props;
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.intro}</Text>
      <ReferenceCallout label={strings.referenceLabel} reference={reference} note={strings.referenceNote} />
      <SectionHeading>{strings.pledgeHeading}</SectionHeading>
      <DetailTable rows={pledge} />
      {schedule.length > 0 ? (
        <>
          <SectionHeading>{strings.scheduleHeading}</SectionHeading>
          {strings.scheduleNote ? <Text style={paragraphStyle}>{strings.scheduleNote}</Text> : null}
          <DetailTable rows={schedule} />
        </>
      ) : null}
      <SectionHeading>{strings.bankHeading}</SectionHeading>
      <DetailTable rows={bank} />
      <Text style={paragraphStyle}>{strings.currencyNote}</Text>
      <ActionButton href={instructionsUrl} label={strings.button} fallback={strings.fallback} />
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function bankTransferInstructionsText(
  props: Pick<BankTransferInstructionsEmailProps, 'strings' | 'reference' | 'pledge' | 'schedule' | 'bank' | 'instructionsUrl'>,
): string {
  const { strings, reference, pledge, schedule, bank, instructionsUrl } = props;
  return plainTextEmail(
    [
      strings.heading,
      strings.greeting,
      strings.intro,
      [`*** ${strings.referenceLabel}: ${reference} ***`, strings.referenceNote],
      [strings.pledgeHeading, ...detailLines(pledge)],
      schedule.length > 0
        ? [strings.scheduleHeading, ...(strings.scheduleNote ? [strings.scheduleNote] : []), ...detailLines(schedule)]
        : null,
      [strings.bankHeading, ...detailLines(bank)],
      strings.currencyNote,
      `${strings.button}: ${instructionsUrl}`,
    ],
    strings.footer,
  );
}

BankTransferInstructionsEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  reference: 'UNODC-7K3M-Q9TX',
  instructionsUrl: 'http://localhost:3000/give/transfer/UNODC-7K3M-Q9TX',
  pledge: [
    { label: 'Total pledged', value: '€300.00' },
    { label: 'Earmarked to', value: 'Global Programme against Trafficking in Persons' },
  ],
  schedule: [
    { label: 'Instalment 1 of 3', value: '€100.00 by March 5, 2026' },
    { label: 'Instalment 2 of 3', value: '€100.00 by April 5, 2026' },
    { label: 'Instalment 3 of 3', value: '€100.00 by May 5, 2026' },
  ],
  bank: [
    { label: 'Account name', value: 'DEMO — UNODC Crime Programme (illustrative account)' },
    { label: 'Bank', value: 'Demo Bank (no money moves)' },
    { label: 'IBAN', value: 'AT00 0000 0000 0000 0000' },
    { label: 'BIC / SWIFT', value: 'DEMOATWWXXX' },
    { label: 'Bank address', value: 'Wagramer Strasse 5, 1220 Vienna, Austria' },
  ],
  strings: {
    subject: 'How to transfer your pledge of €300.00 — reference UNODC-7K3M-Q9TX',
    preview: 'Bank details and the reference to quote on your transfer.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'How to pay by bank transfer',
    greeting: 'Dear Amina Haddad,',
    intro: 'Thank you for your pledge. Here is everything your bank needs to send it.',
    referenceLabel: 'Payment reference',
    referenceNote: 'Quote this reference on every transfer, exactly as written. Without it we cannot match your money to your pledge.',
    pledgeHeading: 'Your pledge',
    bankHeading: 'Bank details',
    scheduleHeading: 'What to send and when',
    scheduleNote: 'Please make one transfer for each instalment, by its due date. We will remind you a week before each one.',
    currencyNote: 'Please send the amount in EUR. We will email you a receipt when your transfer reaches us.',
    button: 'See the instructions online',
    fallback: 'If the button does not work, copy this address into your browser:',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies BankTransferInstructionsEmailProps;
