// A change to a monthly gift has taken effect at Stripe (its webhook said so): the new amount,
// a pause, a resumption, the end or a new card, with a link to the donor's account. Pure: values arrive
// translated and formatted by app/giving/email-props/monthly-gift-changed.server.ts.
import { Heading, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import { ActionButton, DetailTable, detailLines, headingStyle, paragraphStyle, type DetailRow } from './components/giving-parts.tsx';

export interface MonthlyGiftChangedStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  body: string;
  button: string;
  fallback: string;
  notYou: string;
  footer: string;
}

export interface MonthlyGiftChangedEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: MonthlyGiftChangedStrings;
  details: DetailRow[];
  accountUrl: string;
}

export default function MonthlyGiftChangedEmail({ lang, dir, strings, details, accountUrl }: MonthlyGiftChangedEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.body}</Text>
      <DetailTable rows={details} />
      <ActionButton href={accountUrl} label={strings.button} fallback={strings.fallback} />
      <Text style={{ ...paragraphStyle, margin: '20px 0 16px' }}>{strings.notYou}</Text>
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function monthlyGiftChangedText({
  strings,
  details,
  accountUrl,
}: Pick<MonthlyGiftChangedEmailProps, 'strings' | 'details' | 'accountUrl'>): string {
  return plainTextEmail(
    [strings.heading, strings.greeting, strings.body, detailLines(details), `${strings.button}: ${accountUrl}`, strings.notYou],
    strings.footer,
  );
}

MonthlyGiftChangedEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  accountUrl: 'http://localhost:3000/account/monthly/CPJ-7K3M-Q9TX',
  details: [
    { label: 'Monthly gift', value: '€40.00' },
    { label: 'Changed on', value: 'March 5, 2026' },
    { label: 'Reference', value: 'CPJ-7K3M-Q9TX' },
  ],
  strings: {
    subject: 'Your monthly gift is now €40.00',
    preview: 'The change to your monthly gift has been made.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'Your monthly gift has changed',
    greeting: 'Dear Amina Haddad,',
    body: 'From your next monthly payment we will collect €40.00 instead of €25.00. Thank you for your continued support.',
    button: 'See your monthly gift',
    fallback: 'If the button does not work, copy this address into your browser:',
    notYou:
      'If you did not make this change, sign in to your account and check your monthly gift, or write to us quoting reference CPJ-7K3M-Q9TX.',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies MonthlyGiftChangedEmailProps;
