// The frame every portal email shares: language and direction on <html>, a preview line, a
// branded header and a footer. Email clients ignore stylesheets, so styles are inline here.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';

export interface EmailLayoutProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  preview: string;
  brand: string;
  footer: string;
  children: ReactNode;
}

const body = { backgroundColor: '#f4f6f8', fontFamily: 'Arial, Helvetica, sans-serif', margin: 0, padding: '24px 0' };
const container = { backgroundColor: '#ffffff', maxWidth: '560px', margin: '0 auto', padding: '32px', borderRadius: '6px' };
const brandStyle = { color: '#0b5cab', fontSize: '14px', fontWeight: 700, margin: '0 0 16px' };
const footerStyle = { color: '#5c6670', fontSize: '12px', lineHeight: '18px', margin: 0 };

export function EmailLayout({ lang, dir, preview, brand, footer, children }: EmailLayoutProps) {
  return (
    <Html lang={lang} dir={dir}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={brandStyle}>{brand}</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={footerStyle}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * The plain-text part of an email: blocks (a line, or several lines kept together) separated by a
 * blank line, absent blocks skipped, then the footer after a "--" signature line.
 */
export function plainTextEmail(blocks: Array<string | string[] | null | undefined>, footer: string): string {
  const present = blocks.filter((block): block is string | string[] => block != null && block.length > 0);
  return [...present.map((block) => (Array.isArray(block) ? block.join('\n') : block)), `--\n${footer}`].join('\n\n');
}
