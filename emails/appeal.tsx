// An appeal (issue #15 item 2): the officer's intro (the safe Markdown subset, handed over as a
// tree of plain strings, so every character of it is escaped by React), then one block per
// programme or project with its live figures, a coverage bar and a button to give to it, and the
// marketing footer (why, preferences, one-click unsubscribe, postal address).
// Pure: every string arrives translated and every figure formatted (app/appeals/appeal-email.server.ts).
import { Heading, Link, Section, Text } from '@react-email/components';
import { CoverageBar } from './components/coverage-bar.tsx';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import { ActionButton, paragraphStyle, subheadingStyle } from './components/giving-parts.tsx';
import { MarketingFooter, marketingFooterText, type MarketingFooterProps } from './components/marketing-footer.tsx';

/** The safe Markdown subset as data (the shape of app/platform/markdown.ts's tree; links are https). */
export type AppealInline =
  | { type: 'text'; text: string }
  | { type: 'em' | 'strong'; children: AppealInline[] }
  | { type: 'link'; href: string; children: AppealInline[] };
export type AppealIntroBlock =
  { type: 'paragraph'; children: AppealInline[] } | { type: 'list'; ordered: boolean; items: AppealInline[][] };

export interface AppealBlockView {
  title: string;
  /** "Project GLOT59" or "Global programme" */
  label: string;
  /** "In 2026 it needs $1,000,000.00; $400,000.00 is funded (40%)." */
  figuresLine: string;
  /** "Still missing: $600,000.00" */
  gapLine: string;
  /** 0–100, the bar's filled width */
  coveragePercent: number;
  button: string;
  url: string;
}

export interface AppealStrings {
  subject: string;
  preview: string;
  brand: string;
  /** Shown above everything in a test send; absent in a real one */
  testNotice?: string;
  buttonFallback: string;
  footer: string;
}

export interface AppealEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: AppealStrings;
  intro: AppealIntroBlock[];
  blocks: AppealBlockView[];
  marketingFooter: MarketingFooterProps;
}

const cardStyle = { border: '1px solid #e3e7eb', borderRadius: '6px', padding: '16px', margin: '0 0 16px' };
const labelStyle = { color: '#5c6670', fontSize: '13px', margin: '0 0 4px' };
const testStyle = { ...paragraphStyle, backgroundColor: '#fff4d6', border: '1px solid #e0b84a', padding: '8px 12px' };
const listStyle = { ...paragraphStyle, paddingInlineStart: '24px' };

function Inline({ nodes }: { nodes: AppealInline[] }) {
  return (
    <>
      {nodes.map((node, index) => {
        if (node.type === 'text') return node.text;
        const children = <Inline nodes={node.children} />;
        if (node.type === 'link')
          return (
            <Link key={index} href={node.href}>
              {children}
            </Link>
          );
        return node.type === 'em' ? <em key={index}>{children}</em> : <strong key={index}>{children}</strong>;
      })}
    </>
  );
}

function Intro({ blocks }: { blocks: AppealIntroBlock[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        if (block.type === 'paragraph')
          return (
            <Text key={index} style={paragraphStyle}>
              <Inline nodes={block.children} />
            </Text>
          );
        const items = block.items.map((item, itemIndex) => (
          <li key={itemIndex}>
            <Inline nodes={item} />
          </li>
        ));
        return block.ordered ? (
          <ol key={index} style={listStyle}>
            {items}
          </ol>
        ) : (
          <ul key={index} style={listStyle}>
            {items}
          </ul>
        );
      })}
    </>
  );
}

function BlockCard({ block, fallback }: { block: AppealBlockView; fallback: string }) {
  return (
    <Section style={cardStyle}>
      <Text style={labelStyle}>{block.label}</Text>
      <Heading as="h2" style={{ ...subheadingStyle, margin: '0 0 8px' }}>
        {block.title}
      </Heading>
      <Text style={{ ...paragraphStyle, margin: 0 }}>{block.figuresLine}</Text>
      <CoverageBar percent={block.coveragePercent} label={block.figuresLine} />
      <Text style={paragraphStyle}>{block.gapLine}</Text>
      <ActionButton href={block.url} label={block.button} fallback={fallback} />
    </Section>
  );
}

export default function AppealEmail({ lang, dir, strings, intro, blocks, marketingFooter }: AppealEmailProps) {
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      {strings.testNotice ? <Text style={testStyle}>{strings.testNotice}</Text> : null}
      <Heading as="h1" style={{ ...subheadingStyle, fontSize: '22px', margin: '0 0 16px' }}>
        {strings.subject}
      </Heading>
      <Intro blocks={intro} />
      {blocks.map((block) => (
        <BlockCard key={block.url} block={block} fallback={strings.buttonFallback} />
      ))}
      <MarketingFooter {...marketingFooter} />
    </EmailLayout>
  );
}

function inlineText(nodes: AppealInline[]): string {
  return nodes
    .map((node) =>
      node.type === 'text' ? node.text : node.type === 'link' ? `${inlineText(node.children)} (${node.href})` : inlineText(node.children),
    )
    .join('');
}

/** The plain-text part of the same appeal (always sent). */
export function appealText({ strings, intro, blocks, marketingFooter }: Omit<AppealEmailProps, 'lang' | 'dir'>): string {
  return plainTextEmail(
    [
      strings.testNotice ?? null,
      strings.subject,
      ...intro.map((block) =>
        block.type === 'paragraph'
          ? inlineText(block.children)
          : block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${inlineText(item)}`),
      ),
      ...blocks.map((block) => [`## ${block.title}`, block.label, block.figuresLine, block.gapLine, `${block.button}: ${block.url}`]),
      ...marketingFooterText(marketingFooter),
    ],
    strings.footer,
  );
}

AppealEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  strings: {
    subject: 'Help a survivor of trafficking rebuild her life',
    preview: 'Shelters, legal aid and job training give survivors a way back.',
    brand: 'UNODC · Crime Prevention and Criminal Justice Programme · Funding Portal',
    buttonFallback: 'If the button does not work, copy this address into your browser:',
    footer: 'United Nations Office on Drugs and Crime — Crime Prevention and Criminal Justice Programme.',
  },
  intro: [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Shelters, legal aid and job training give survivors a ' },
        { type: 'strong', children: [{ type: 'text', text: 'way back' }] },
        { type: 'text', text: '.' },
      ],
    },
  ],
  blocks: [
    {
      title: 'Survivor support in West Africa',
      label: 'Project NGAT81',
      figuresLine: 'From 2025 to 2027 it needs $1,200,000.00; $480,000.00 is funded (40%).',
      gapLine: 'Still missing: $720,000.00',
      coveragePercent: 40,
      button: 'Give to this project',
      url: 'https://portal.example.org/give?appeal=protect-survivors&project=NGAT81',
    },
  ],
  marketingFooter: {
    why: 'You receive appeals because you said yes to them.',
    preferences: 'Your email preferences',
    preferencesUrl: 'https://portal.example.org/email/preferences/x',
    unsubscribe: 'Unsubscribe from appeals',
    unsubscribeUrl: 'https://portal.example.org/email/unsubscribe/x',
    address: 'United Nations Office on Drugs and Crime, Vienna International Centre, PO Box 500, 1400 Vienna, Austria',
  },
} satisfies AppealEmailProps;
