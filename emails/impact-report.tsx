// The impact report (issue #13 item 2): one donor, one period — what they gave, every project
// their money reached with their amount and share, its coverage as a small bar chart, the
// period's updates and indicator movements, and general-purpose money allocated on their behalf.
// Pure: every string arrives translated and every figure formatted
// (app/impact/impact-report-email.server.ts). Email clients draw no SVG or CSS charts reliably,
// so the coverage bar is a two-cell table; its meaning is in the text beside it.
import { Heading, Link, Section, Text } from '@react-email/components';
import { CoverageBar } from './components/coverage-bar.tsx';
import { EmailLayout, plainTextEmail } from './components/email-layout.tsx';
import { MarketingFooter, marketingFooterText } from './components/marketing-footer.tsx';
import {
  DetailTable,
  detailLines,
  headingStyle,
  paragraphStyle,
  smallStyle,
  subheadingStyle,
  type DetailRow,
} from './components/giving-parts.tsx';

export interface ImpactReportProject {
  title: string;
  place: string;
  /** "Your money: $250.00 — 25% of all the project received ($1,000.00)" */
  amountLine: string;
  /** "$150.00 of it came from general-purpose funds UNODC staff allocated" (when some did) */
  poolLine?: string;
  coverageLine: string;
  /** 0–100, the bar's filled width */
  coveragePercent: number;
  updates: { title: string; date: string; excerpt: string }[];
  /** "Prosecutors trained: 120 → 185 of 300 people" */
  indicators: string[];
  url: string;
}

export interface ImpactReportStrings {
  subject: string;
  preview: string;
  brand: string;
  heading: string;
  greeting: string;
  intro: string;
  givenHeading: string;
  projectsHeading: string;
  noProjects: string;
  updatesHeading: string;
  indicatorsHeading: string;
  projectLink: string;
  noticesHeading: string;
  webVersion: string;
  /** "Your gifts, pledges and receipts are in your account:" */
  accountLink: string;
  preferences: string;
  unsubscribe: string;
  why: string;
  address: string;
  footer: string;
}

export interface ImpactReportEmailProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: ImpactReportStrings;
  given: DetailRow[];
  projects: ImpactReportProject[];
  notices: string[];
  webVersionUrl?: string;
  /** The donor's account (/account), where every gift and receipt is. */
  accountUrl?: string;
  preferencesUrl?: string;
  unsubscribeUrl: string;
}

const cardStyle = { border: '1px solid #e3e7eb', borderRadius: '6px', padding: '16px', margin: '0 0 16px' };
const projectTitleStyle = { ...subheadingStyle, margin: '0 0 4px' };
const placeStyle = { color: '#5c6670', fontSize: '13px', margin: '0 0 12px' };
const listItem = { ...paragraphStyle, margin: '0 0 6px' };

const footerOf = (strings: ImpactReportStrings, unsubscribeUrl: string, preferencesUrl: string | undefined) => ({
  why: strings.why,
  preferences: strings.preferences,
  unsubscribe: strings.unsubscribe,
  address: strings.address,
  unsubscribeUrl,
  ...(preferencesUrl ? { preferencesUrl } : {}),
});

function ProjectCard({ project, strings }: { project: ImpactReportProject; strings: ImpactReportStrings }) {
  return (
    <Section style={cardStyle}>
      <Heading as="h3" style={projectTitleStyle}>
        {project.title}
      </Heading>
      <Text style={placeStyle}>{project.place}</Text>
      <Text style={paragraphStyle}>{project.amountLine}</Text>
      {project.poolLine ? <Text style={paragraphStyle}>{project.poolLine}</Text> : null}
      <Text style={{ ...paragraphStyle, margin: 0 }}>{project.coverageLine}</Text>
      <CoverageBar percent={project.coveragePercent} label={project.coverageLine} />
      {project.indicators.length > 0 ? (
        <>
          <Text style={{ ...paragraphStyle, fontWeight: 700, margin: '0 0 6px' }}>{strings.indicatorsHeading}</Text>
          {project.indicators.map((line) => (
            <Text key={line} style={listItem}>
              • {line}
            </Text>
          ))}
        </>
      ) : null}
      {project.updates.map((update) => (
        <Section key={`${update.date}${update.title}`}>
          <Text style={{ ...paragraphStyle, fontWeight: 700, margin: '8px 0 2px' }}>
            {update.title} · {update.date}
          </Text>
          <Text style={listItem}>{update.excerpt}</Text>
        </Section>
      ))}
      <Text style={{ ...paragraphStyle, margin: '8px 0 0' }}>
        <Link href={project.url}>{strings.projectLink}</Link>
      </Text>
    </Section>
  );
}

export default function ImpactReportEmail(props: ImpactReportEmailProps) {
  const { lang, dir, strings, given, projects, notices, webVersionUrl, accountUrl, preferencesUrl, unsubscribeUrl } = props;
  return (
    <EmailLayout lang={lang} dir={dir} preview={strings.preview} brand={strings.brand} footer={strings.footer}>
      {webVersionUrl ? (
        <Text style={{ ...smallStyle, margin: '0 0 12px' }}>
          <Link href={webVersionUrl}>{strings.webVersion}</Link>
        </Text>
      ) : null}
      <Heading as="h1" style={headingStyle}>
        {strings.heading}
      </Heading>
      <Text style={paragraphStyle}>{strings.greeting}</Text>
      <Text style={paragraphStyle}>{strings.intro}</Text>
      <Heading as="h2" style={subheadingStyle}>
        {strings.givenHeading}
      </Heading>
      <DetailTable rows={given} />
      {accountUrl ? (
        <Text style={smallStyle}>
          {strings.accountLink} <Link href={accountUrl}>{accountUrl}</Link>
        </Text>
      ) : null}
      <Heading as="h2" style={subheadingStyle}>
        {strings.projectsHeading}
      </Heading>
      {projects.length === 0 ? <Text style={paragraphStyle}>{strings.noProjects}</Text> : null}
      {projects.map((project) => (
        <ProjectCard key={project.url} project={project} strings={strings} />
      ))}
      {notices.length > 0 ? (
        <>
          <Heading as="h2" style={subheadingStyle}>
            {strings.noticesHeading}
          </Heading>
          {notices.map((line) => (
            <Text key={line} style={listItem}>
              • {line}
            </Text>
          ))}
        </>
      ) : null}
      <MarketingFooter {...footerOf(strings, unsubscribeUrl, preferencesUrl)} />
    </EmailLayout>
  );
}

/** The plain-text part of the same report (always sent). */
export function impactReportText(props: Omit<ImpactReportEmailProps, 'lang' | 'dir'>): string {
  const { strings, given, projects, notices, webVersionUrl, accountUrl, preferencesUrl, unsubscribeUrl } = props;
  return plainTextEmail(
    [
      webVersionUrl ? `${strings.webVersion}: ${webVersionUrl}` : null,
      strings.heading,
      strings.greeting,
      strings.intro,
      [strings.givenHeading, ...detailLines(given)],
      accountUrl ? `${strings.accountLink} ${accountUrl}` : null,
      strings.projectsHeading,
      projects.length === 0 ? strings.noProjects : null,
      ...projects.map((project) => [
        `## ${project.title}`,
        project.place,
        project.amountLine,
        ...(project.poolLine ? [project.poolLine] : []),
        project.coverageLine,
        ...(project.indicators.length > 0 ? [strings.indicatorsHeading, ...project.indicators.map((line) => `- ${line}`)] : []),
        ...project.updates.flatMap((update) => [`${update.title} · ${update.date}`, update.excerpt]),
        `${strings.projectLink}: ${project.url}`,
      ]),
      notices.length > 0 ? [strings.noticesHeading, ...notices.map((line) => `- ${line}`)] : null,
      ...marketingFooterText(footerOf(strings, unsubscribeUrl, preferencesUrl)),
    ],
    strings.footer,
  );
}
