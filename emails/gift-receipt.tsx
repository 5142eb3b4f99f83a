// The receipt for money received (a card payment, a monthly charge, an instalment or a recorded
// bank transfer). Pure: strings arrive translated and amounts and dates formatted by
// app/giving/email-props/gift-receipt.server.ts.
import { Heading, Link, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import { DetailTable, detailLines, headingStyle, paragraphStyle, smallStyle, type DetailRow } from './components/giving-parts.tsx';

export interface GiftReceiptStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  thanks: string;
  /** What the earmark means, e.g. the one-sentence explanation of general-purpose funds. */
  earmarkNote: string;
  /** Present only for anonymous gifts. */
  anonymous?: string;
  keep: string;
  pledgeLink: string;
  /** "Your gifts, pledges and receipts are in your account:" */
  accountLink: string;
  footer: string;
}

/** The links to how the money is used, the privacy notice and the contact page, with their names. */
export interface TrustLinks {
  /** "About your gift:" */
  label: string;
  /** `line` is the link in the plain-text part ("Privacy: https://…"). */
  links: { text: string; url: string; line: string }[];
}

export interface GiftReceiptEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: GiftReceiptStrings;
  details: DetailRow[];
  pledgeUrl?: string;
  /** The donor's account (/account), where every gift and receipt is. */
  accountUrl?: string;
  /** Absent in rows queued before the trust pages existed. */
  trustLinks?: TrustLinks;
}

export default function GiftReceiptEmail({ lang, dir, strings, details, pledgeUrl, accountUrl, trustLinks }: GiftReceiptEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.thanks}</Text>
      <DetailTable rows={details} />
      <Text style={paragraphStyle}>{strings.earmarkNote}</Text>
      {strings.anonymous ? <Text style={paragraphStyle}>{strings.anonymous}</Text> : null}
      <Text style={{ ...paragraphStyle, fontWeight: 700 }}>{strings.keep}</Text>
      {pledgeUrl ? (
        <Text style={smallStyle}>
          {strings.pledgeLink} <Link href={pledgeUrl}>{pledgeUrl}</Link>
        </Text>
      ) : null}
      {accountUrl ? (
        <Text style={smallStyle}>
          {strings.accountLink} <Link href={accountUrl}>{accountUrl}</Link>
        </Text>
      ) : null}
      {trustLinks ? (
        <Text style={smallStyle}>
          {trustLinks.label}{' '}
          {trustLinks.links.map((link, index) => (
            <span key={link.url}>
              {index > 0 ? ' · ' : null}
              <Link href={link.url}>{link.text}</Link>
            </span>
          ))}
        </Text>
      ) : null}
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function giftReceiptText({
  strings,
  details,
  pledgeUrl,
  accountUrl,
  trustLinks,
}: Pick<GiftReceiptEmailProps, 'strings' | 'details' | 'pledgeUrl' | 'accountUrl' | 'trustLinks'>): string {
  return plainTextEmail(
    [
      strings.heading,
      strings.greeting,
      strings.thanks,
      detailLines(details),
      strings.earmarkNote,
      strings.anonymous || null,
      strings.keep,
      pledgeUrl ? `${strings.pledgeLink} ${pledgeUrl}` : null,
      accountUrl ? `${strings.accountLink} ${accountUrl}` : null,
      trustLinks ? [trustLinks.label, ...trustLinks.links.map((link) => link.line)] : null,
    ],
    strings.footer,
  );
}

GiftReceiptEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  pledgeUrl: 'http://localhost:3000/give/pledge/UNODC-7K3M-Q9TX',
  accountUrl: 'http://localhost:3000/account',
  trustLinks: {
    label: 'About your gift:',
    links: [
      {
        text: 'How your money is used',
        url: 'http://localhost:3000/about/money',
        line: 'How your money is used: http://localhost:3000/about/money',
      },
      { text: 'Privacy', url: 'http://localhost:3000/about/privacy', line: 'Privacy: http://localhost:3000/about/privacy' },
      { text: 'Contact', url: 'http://localhost:3000/about/contact', line: 'Contact: http://localhost:3000/about/contact' },
    ],
  },
  details: [
    { label: 'Amount', value: '€50.00' },
    { label: 'Received on', value: 'March 5, 2026' },
    { label: 'Gift', value: 'One-off gift' },
    { label: 'Paid by', value: 'Card' },
    { label: 'Earmarked to', value: 'General-purpose funds' },
    { label: 'Reference', value: 'UNODC-7K3M-Q9TX' },
    { label: 'Payment ID', value: '5f0c2a7e-8d1b-4c3e-9a56-2b7d0e4f1a93' },
  ],
  strings: {
    subject: 'Your receipt: €50.00 received (UNODC-7K3M-Q9TX)',
    preview: 'We received your gift of €50.00. Thank you.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'Receipt for your gift',
    greeting: 'Dear Amina Haddad,',
    thanks: 'Thank you. We have received your gift of €50.00 to the Crime Prevention and Criminal Justice Programme.',
    earmarkNote: 'General-purpose funds are not earmarked: UNODC staff allocate them to the projects where the need is greatest.',
    keep: 'This is your receipt; keep it for your records.',
    pledgeLink: 'Your gift online:',
    accountLink: 'Your gifts, pledges and receipts are in your account:',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies GiftReceiptEmailProps;
