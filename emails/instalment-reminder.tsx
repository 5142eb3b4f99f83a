// A reminder about one instalment of a pledge: a week before it is due, then 3 and 14 days after
// if it is still unpaid. Card pledges get a button that opens checkout for the instalment; bank
// transfer pledges get the bank details and the reference again. Pure: values arrive translated
// and formatted by app/giving/email-props/instalment-reminder.server.ts.
import { Heading, Link, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import {
  ActionButton,
  DetailTable,
  ReferenceCallout,
  SectionHeading,
  detailLines,
  headingStyle,
  paragraphStyle,
  smallStyle,
  type DetailRow,
} from './components/giving-parts.tsx';

export interface InstalmentReminderStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  body: string;
  /** Card: the button label. */
  payButton: string;
  fallback: string;
  /** Bank transfer: the reference callout and the bank details heading. */
  referenceLabel: string;
  referenceNote: string;
  bankHeading: string;
  alreadyPaid: string;
  pledgeLink: string;
  footer: string;
}

export type InstalmentReminderAction =
  { method: 'card'; payUrl: string } | { method: 'bank_transfer'; reference: string; bank: DetailRow[] };

export interface InstalmentReminderEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: InstalmentReminderStrings;
  details: DetailRow[];
  action: InstalmentReminderAction;
  pledgeUrl: string;
}

export default function InstalmentReminderEmail({ lang, dir, strings, details, action, pledgeUrl }: InstalmentReminderEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.body}</Text>
      <DetailTable rows={details} />
      {action.method === 'card' ? (
        <ActionButton href={action.payUrl} label={strings.payButton} fallback={strings.fallback} />
      ) : (
        <>
          <ReferenceCallout label={strings.referenceLabel} reference={action.reference} note={strings.referenceNote} />
          <SectionHeading>{strings.bankHeading}</SectionHeading>
          <DetailTable rows={action.bank} />
        </>
      )}
      <Text style={{ ...paragraphStyle, margin: '20px 0 16px' }}>{strings.alreadyPaid}</Text>
      <Text style={smallStyle}>
        {strings.pledgeLink} <Link href={pledgeUrl}>{pledgeUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function instalmentReminderText({
  strings,
  details,
  action,
  pledgeUrl,
}: Pick<InstalmentReminderEmailProps, 'strings' | 'details' | 'action' | 'pledgeUrl'>): string {
  const actionLines =
    action.method === 'card'
      ? [`${strings.payButton}: ${action.payUrl}`]
      : [
          `*** ${strings.referenceLabel}: ${action.reference} ***`,
          strings.referenceNote,
          '',
          strings.bankHeading,
          ...detailLines(action.bank),
        ];
  return plainTextEmail(
    [
      strings.heading,
      strings.greeting,
      strings.body,
      detailLines(details),
      actionLines,
      strings.alreadyPaid,
      `${strings.pledgeLink} ${pledgeUrl}`,
    ],
    strings.footer,
  );
}

InstalmentReminderEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  pledgeUrl: 'http://localhost:3000/give/pledge/UNODC-7K3M-Q9TX',
  action: { method: 'card', payUrl: 'http://localhost:3000/give/pledge/UNODC-7K3M-Q9TX/pay/2' },
  details: [
    { label: 'Instalment', value: '2 of 3' },
    { label: 'Amount', value: '€100.00' },
    { label: 'Due on', value: 'April 5, 2026' },
    { label: 'Reference', value: 'UNODC-7K3M-Q9TX' },
  ],
  strings: {
    subject: 'Instalment 2 of 3 (€100.00) is due on April 5, 2026',
    preview: 'A friendly reminder about your next instalment.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'Your next instalment is due soon',
    greeting: 'Dear Amina Haddad,',
    body: 'Thank you for your pledge. This is a friendly reminder that instalment 2 of 3, €100.00, is due on April 5, 2026.',
    payButton: 'Pay this instalment',
    fallback: 'If the button does not work, copy this address into your browser:',
    referenceLabel: 'Payment reference',
    referenceNote: 'Quote this reference on your transfer, exactly as written.',
    bankHeading: 'Bank details',
    alreadyPaid: 'If you have already paid, thank you, and please ignore this message: payments can take a few days to reach us.',
    pledgeLink: 'Your pledge and its schedule:',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies InstalmentReminderEmailProps;
