// The monthly gift's payment failed (Stripe's invoice.payment_failed): a button to update the card
// or pay, a word that nothing else needs doing, and how to stop the gift, in the layout every
// monthly-gift email shares. Pure: values arrive translated and formatted by
// app/giving/email-props/monthly-payment-failed.server.ts.
import type { DetailRow } from './components/giving-parts.tsx';
import { MonthlyGiftEmail, monthlyGiftEmailText, type MonthlyGiftEmailStrings } from './components/monthly-gift-email.tsx';

export interface MonthlyPaymentFailedStrings extends MonthlyGiftEmailStrings {
  subject: string;
  reassurance: string;
  stop: string;
}

export interface MonthlyPaymentFailedEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: MonthlyPaymentFailedStrings;
  details: DetailRow[];
  fixUrl: string;
}

export default function MonthlyPaymentFailedEmail({ lang, dir, strings, details, fixUrl }: MonthlyPaymentFailedEmailProps) {
  return (
    <MonthlyGiftEmail
      lang={lang}
      dir={dir}
      strings={strings}
      details={details}
      actionUrl={fixUrl}
      closing={[strings.reassurance, strings.stop]}
    />
  );
}

/** The plain-text part of the same message. */
export function monthlyPaymentFailedText({
  strings,
  details,
  fixUrl,
}: Pick<MonthlyPaymentFailedEmailProps, 'strings' | 'details' | 'fixUrl'>): string {
  return monthlyGiftEmailText({ strings, details, actionUrl: fixUrl, closing: [strings.reassurance, strings.stop] });
}

MonthlyPaymentFailedEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  fixUrl: 'http://localhost:3000/give/monthly/UNODC-7K3M-Q9TX/fix',
  details: [
    { label: 'Monthly gift', value: '€25.00' },
    { label: 'Attempted on', value: 'March 5, 2026' },
    { label: 'Reference', value: 'UNODC-7K3M-Q9TX' },
  ],
  strings: {
    subject: 'Your monthly gift of €25.00 could not be collected',
    preview: 'Please update your card so your monthly gift can continue.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'Your monthly payment did not go through',
    greeting: 'Dear Amina Haddad,',
    body: 'On March 5, 2026 we tried to collect your monthly gift of €25.00, but the payment was not accepted. This often happens when a card expires or is replaced.',
    button: 'Update your card',
    fallback: 'If the button does not work, copy this address into your browser:',
    reassurance: 'Nothing else needs doing: once your card is updated, your monthly gift continues as before.',
    stop: 'If you would rather stop your monthly gift, reply to this email and we will cancel it.',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies MonthlyPaymentFailedEmailProps;
