// The allocation notice (issue #13 item 3): staff moved part of a donor's general-purpose or
// programme money to projects on one day; one short email names each project and the donor's
// amount. Pure: every string arrives translated and every figure formatted
// (app/impact/allocation-notice-email.server.ts). Batched per day, so one email however many
// allocation rows the day wrote.
import { Heading, Link, Text } from '@react-email/components';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import { DetailTable, detailLines, headingStyle, paragraphStyle, type DetailRow } from './components/giving-parts.tsx';
import { MarketingFooter, marketingFooterText, type MarketingFooterProps } from './components/marketing-footer.tsx';

export interface AllocationNoticeProject {
  /** "Courts against trafficking — Kenya" */
  label: string;
  /** The donor's amount, formatted: "$150.00" */
  amount: string;
  url: string;
}

export interface AllocationNoticeStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  intro: string;
  /** "In all" row of the table, shown when more than one project */
  total: string;
  projectLink: string;
  next: string;
  footer: string;
}

export interface AllocationNoticeEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: AllocationNoticeStrings;
  projects: AllocationNoticeProject[];
  /** The sum over projects, formatted; shown when there are several */
  totalAmount: string;
  footerLinks: MarketingFooterProps;
}

const listItem = { ...paragraphStyle, margin: '0 0 6px' };

function rowsOf({ strings, projects, totalAmount }: Pick<AllocationNoticeEmailProps, 'strings' | 'projects' | 'totalAmount'>): DetailRow[] {
  const rows = projects.map((project) => ({ label: project.label, value: project.amount }));
  return projects.length > 1 ? [...rows, { label: strings.total, value: totalAmount }] : rows;
}

export default function AllocationNoticeEmail(props: AllocationNoticeEmailProps) {
  const { lang, dir, strings, projects, footerLinks } = props;
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.intro}</Text>
      <DetailTable rows={rowsOf(props)} />
      {projects.map((project) => (
        <Text key={project.url} style={listItem}>
          <Link href={project.url}>
            {strings.projectLink}: {project.label}
          </Link>
        </Text>
      ))}
      <Text style={paragraphStyle}>{strings.next}</Text>
      <MarketingFooter {...footerLinks} />
    </EmailLayout>
  );
}

/** The plain-text part of the same notice (always sent). */
export function allocationNoticeText(props: Omit<AllocationNoticeEmailProps, 'lang' | 'dir'>): string {
  const { strings, projects, footerLinks } = props;
  return plainTextEmail(
    [
      strings.heading,
      strings.greeting,
      strings.intro,
      detailLines(rowsOf(props)),
      projects.map((project) => `${strings.projectLink}: ${project.label} — ${project.url}`),
      strings.next,
      ...marketingFooterText(footerLinks),
    ],
    strings.footer,
  );
}

AllocationNoticeEmail.PreviewProps = {
  lang: 'en',
  dir: 'ltr',
  strings: {
    subject: 'Your gift at work: allocated on December 6, 2026',
    preview: 'UNODC staff put part of your gift to work on December 6, 2026.',
    brand: 'UNODC — Crime Prevention and Criminal Justice Programme',
    heading: 'Your gift has been put to work',
    greeting: 'Dear Amina Haddad,',
    intro:
      'On December 6, 2026, UNODC staff allocated part of the money you gave for general purposes or to a programme to the projects below.',
    total: 'In all',
    projectLink: 'See the project',
    next: 'Your next impact report will tell you what these projects achieve.',
    footer: 'United Nations Office on Drugs and Crime',
  },
  projects: [
    { label: 'Courts against trafficking — Kenya', amount: '$150.00', url: 'http://localhost:3000/projects/GLOT59' },
    { label: 'Safer prisons — Global', amount: '$50.00', url: 'http://localhost:3000/projects/GLOX01' },
  ],
  totalAmount: '$200.00',
  footerLinks: {
    why: 'You receive this notice because you asked to be told what your gifts achieve.',
    preferences: 'Choose how often you receive reports',
    preferencesUrl: 'http://localhost:3000/email/preferences/abc.def',
    unsubscribe: 'Unsubscribe from impact reports',
    unsubscribeUrl: 'http://localhost:3000/email/unsubscribe/abc.def',
    address: 'United Nations Office on Drugs and Crime, Vienna International Centre, PO Box 500, 1400 Vienna, Austria',
  },
} satisfies AllocationNoticeEmailProps;
