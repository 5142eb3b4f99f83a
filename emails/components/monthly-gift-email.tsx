// The one layout of the emails about a monthly gift (a change Stripe confirmed, a payment that
// failed): heading, greeting, what happened, the gift's details, one button, then the closing
// paragraphs each email needs (who to tell if it was not you; what to do next). Values arrive
// translated and formatted.
import { Heading, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './email-layout.tsx';
import { ActionButton, DetailTable, detailLines, headingStyle, paragraphStyle, type DetailRow } from './giving-parts.tsx';

/** The strings every monthly-gift email has. */
export interface MonthlyGiftEmailStrings {
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  body: string;
  button: string;
  fallback: string;
  footer: string;
}

export interface MonthlyGiftEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: MonthlyGiftEmailStrings;
  details: DetailRow[];
  /** Where the button leads */
  actionUrl: string;
  /** Paragraphs after the button, in order */
  closing: string[];
}

export function MonthlyGiftEmail({ lang, dir, strings, details, actionUrl, closing }: MonthlyGiftEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.body}</Text>
      <DetailTable rows={details} />
      <ActionButton href={actionUrl} label={strings.button} fallback={strings.fallback} />
      {closing.map((paragraph, index) => (
        // A fixed list: its order is its identity. The first keeps its distance from the fallback line.
        <Text key={index} style={index === 0 ? { ...paragraphStyle, margin: '20px 0 16px' } : paragraphStyle}>
          {paragraph}
        </Text>
      ))}
    </EmailLayout>
  );
}

/** The plain-text part of the same message. */
export function monthlyGiftEmailText({
  strings,
  details,
  actionUrl,
  closing,
}: Pick<MonthlyGiftEmailProps, 'strings' | 'details' | 'actionUrl' | 'closing'>): string {
  return plainTextEmail(
    [strings.heading, strings.greeting, strings.body, detailLines(details), `${strings.button}: ${actionUrl}`, ...closing],
    strings.footer,
  );
}
