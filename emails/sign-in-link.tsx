// The sign-in link email. Pure: it receives already-translated strings, the link and the
// direction; no environment, database or i18n access (app/email-templates.server.ts
// supplies those).
import { Button, Heading, Link, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';

export interface SignInLinkStrings {
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

export interface SignInLinkEmailProps {
  url: string;
  expiresInMinutes: number;
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: SignInLinkStrings;
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

export default function SignInLinkEmail({ url, lang, dir, strings }: SignInLinkEmailProps) {
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
export function signInLinkText({ url, strings }: Pick<SignInLinkEmailProps, 'url' | 'strings'>): string {
  return plainTextEmail([strings.heading, strings.intro, url, strings.expiry, strings.ignore], strings.footer);
}

SignInLinkEmail.PreviewProps = {
  url: 'http://localhost:3000/login/verify?token=preview-token',
  expiresInMinutes: 10,
  lang: 'en',
  dir: 'ltr',
  strings: {
    subject: 'Your sign-in link',
    preview: 'Sign in to the UNODC Funding Portal',
    brand: 'UNODC Crime Prevention and Criminal Justice Programme — Funding Portal',
    heading: 'Sign in to the Funding Portal',
    intro: 'Someone (hopefully you) asked to sign in with this email address. Use the button below to continue.',
    button: 'Sign in',
    expiry: 'The link works once and expires in 10 minutes.',
    fallback: 'If the button does not work, copy this address into your browser:',
    ignore: 'If you did not ask to sign in, you can ignore this email: nothing will change.',
    footer: 'United Nations Office on Drugs and Crime · Crime Prevention and Criminal Justice Programme',
  },
} satisfies SignInLinkEmailProps;
