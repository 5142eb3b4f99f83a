// A change to a monthly gift has taken effect at Stripe (its webhook said so): the new amount,
// a pause, a resumption, the end or a new card, with a link to the donor's account, in the layout
// every monthly-gift email shares. Pure: values arrive translated and formatted by
// app/giving/email-props/monthly-gift-changed.server.ts.
import type { DetailRow } from './components/giving-parts.tsx';
import { MonthlyGiftEmail, monthlyGiftEmailText, type MonthlyGiftEmailStrings } from './components/monthly-gift-email.tsx';

export interface MonthlyGiftChangedStrings extends MonthlyGiftEmailStrings {
  subject: string;
  notYou: string;
}

export interface MonthlyGiftChangedEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: MonthlyGiftChangedStrings;
  details: DetailRow[];
  accountUrl: string;
}

export default function MonthlyGiftChangedEmail({ lang, dir, strings, details, accountUrl }: MonthlyGiftChangedEmailProps) {
  return <MonthlyGiftEmail lang={lang} dir={dir} strings={strings} details={details} actionUrl={accountUrl} closing={[strings.notYou]} />;
}

/** The plain-text part of the same message. */
export function monthlyGiftChangedText({
  strings,
  details,
  accountUrl,
}: Pick<MonthlyGiftChangedEmailProps, 'strings' | 'details' | 'accountUrl'>): string {
  return monthlyGiftEmailText({ strings, details, actionUrl: accountUrl, closing: [strings.notYou] });
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
