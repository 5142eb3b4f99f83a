// The donor's sign-in link to their account (/account): a transactional email sent only to an
// address that belongs to a donor. Pure: it receives already-translated strings, the link and the
// direction (app/account/sign-in-email.server.ts supplies them).
import { Button, Heading, Link, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';

export interface AccountSignInLinkStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  intro: string;
  button: string;
  /** Already interpolated with the expiry, e.g. "The link works once, for 10 minutes." */
  expiry: string;
  fallback: string;
  ignore: string;
  footer: string;
}

export interface AccountSignInLinkEmailProps {
  url: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: AccountSignInLinkStrings;
}

const heading = { color: '#1a1f24', fontSize: '22px', margin: '0 0 16px' };
const paragraph = { color: '#1a1f24', fontSize: '15px', lineHeight: '22px', margin: '0 0 16px' };
const button = {
  backgroundColor: '#0b5cab',
  color: '#ffffff',
  borderRadius: '4px',
  padding: '12px 20px',
  fontSize: '15px',
  fontWeight: 700,
  textDecoration: 'none',
};
const afterButton = { ...paragraph, margin: '20px 0 16px' };
const small = { color: '#5c6670', fontSize: '13px', lineHeight: '20px', margin: '16px 0 0', wordBreak: 'break-all' as const };

export default function AccountSignInLinkEmail({ url, lang, dir, strings }: AccountSignInLinkEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={heading}>
        {strings.heading}
      </Heading>
      <Text style={paragraph}>{strings.intro}</Text>
      <Button href={url} style={button}>
        {strings.button}
      </Button>
      <Text style={afterButton}>{strings.expiry}</Text>
      <Text style={small}>
        {strings.fallback} <Link href={url}>{url}</Link>
      </Text>
      <Text style={small}>{strings.ignore}</Text>
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function accountSignInLinkText({ url, strings }: Pick<AccountSignInLinkEmailProps, 'url' | 'strings'>): string {
  return plainTextEmail([strings.heading, strings.intro, url, strings.expiry, strings.ignore], strings.footer);
}

AccountSignInLinkEmail.PreviewProps = {
  url: 'http://localhost:3000/account/verify?token=preview-token',
  lang: 'en',
  dir: 'ltr',
  strings: {
    subject: 'Your link to your giving account',
    preview: 'Sign in to see your gifts and receipts.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    heading: 'Sign in to your giving account',
    intro:
      'We received a request to sign in to your giving account with this email address. Press the button to see your gifts, pledges and receipts.',
    button: 'Open my account',
    expiry: 'The link can be used once and expires in 10 minutes.',
    fallback: 'If the button does not work, copy this address into your browser:',
    ignore: 'If you did not ask for this link, you can ignore this email: nothing will change.',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
} satisfies AccountSignInLinkEmailProps;
