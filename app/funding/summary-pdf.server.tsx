// One-page PDF summaries for meetings (issue #17 item 4): a programme's funding for a period and a
// donor's giving, drawn from the very page models the web pages show (buildProgrammePage,
// buildDonorPage), so every figure in the PDF is the page's figure, formatted the same way. Long
// lists are cut to what fits one A4 page, with a line saying how many more the page has.
import type { ReactNode } from 'react';
import { formatDate, formatNumber } from '~/platform/format.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { organisationDetails } from '~/platform/organisation-details.server.ts';
import {
  PdfDetails,
  PdfFrame,
  PdfHeading,
  PdfParagraph,
  PdfSubtitle,
  PdfTable,
  PdfTitle,
  PdfTwoColumns,
  renderPdf,
  type Dir,
  type PdfColumn,
} from '~/ui/pdf/pdf-blocks.server.tsx';
import { pdfFontsFor } from '~/ui/pdf/pdf-fonts.server.ts';
import type { DonorPage } from './donor-page.server.ts';
import type { ProgrammePage } from './programme-page.server.ts';

/** Rows of a list that still fit on the one page beside the rest. */
const MAX_PROJECTS = 10;
const MAX_DONORS = 6;
const MAX_YEARS = 8;

interface SummaryContext {
  locale: Locale;
  dir: Dir;
  /** The web page this summarises, printed so a reader finds the full figures. */
  pageUrl: string;
  now: Date;
}

function footerLines({ locale, pageUrl, now }: SummaryContext) {
  const t = getT(locale, 'summary-pdf');
  return {
    asOf: t('asOf', { date: formatDate(now.toISOString(), locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) }),
    source: t('source', { url: pageUrl }),
    more: (count: number) => t('more', { count, number: formatNumber(count, locale) }),
    pageLabel: (page: number, count: number) => t('page', { page: formatNumber(page, locale), count: formatNumber(count, locale) }),
  };
}

async function renderSummary(
  context: SummaryContext,
  title: string,
  everything: unknown,
  body: (lines: ReturnType<typeof footerLines>) => ReactNode,
) {
  const lines = footerLines(context);
  const organisation = organisationDetails(context.locale);
  const fontFamily = await pdfFontsFor(
    `${JSON.stringify(everything)}${JSON.stringify(lines)}${lines.pageLabel(1, 1)}${JSON.stringify(organisation)}`,
  );
  return renderPdf(
    <PdfFrame
      dir={context.dir}
      locale={context.locale}
      title={title}
      fontFamily={fontFamily}
      organisation={organisation}
      pageLabel={lines.pageLabel}
    >
      {body(lines)}
    </PdfFrame>,
  );
}

/** A programme's funding for the page's period: headline figures, gaps by region, top donors, the largest project gaps. */
export async function renderProgrammeSummaryPdf(page: ProgrammePage, context: SummaryContext): Promise<Buffer> {
  const { dir, locale } = context;
  const t = getT(locale, ['programmes', 'summary-pdf', 'donor-pages']);
  const figures: { label: string; value: string }[] = [
    { label: t('programmes:figures.requirement'), value: page.figures.requirement },
    { label: t('programmes:figures.funded'), value: page.figures.funded },
    { label: `  ${t('programmes:figures.regularBudget')}`, value: page.figures.regularBudget },
    { label: `  ${t('programmes:figures.generalPurpose')}`, value: page.figures.generalPurpose },
    { label: `  ${t('programmes:figures.earmarked')}`, value: page.figures.earmarked },
    { label: t('programmes:figures.pledgedUnpaid'), value: page.figures.pledgedUnpaid },
    { label: t('programmes:figures.gap'), value: page.figures.gap },
    { label: t('programmes:figures.coverage'), value: page.figures.coverage },
    { label: t('programmes:figures.unallocated'), value: page.unallocated },
  ];
  const projectColumns: PdfColumn[] = [
    { label: t('programmes:projects.columns.code'), width: 10 },
    { label: t('programmes:projects.columns.title'), width: 36 },
    { label: t('programmes:projects.columns.place'), width: 15 },
    { label: t('programmes:projects.columns.funded'), width: 14, align: 'end' },
    { label: t('programmes:projects.columns.gap'), width: 14, align: 'end' },
    { label: t('programmes:projects.columns.coverage'), width: 11, align: 'end' },
  ];
  const projects = page.table.rows.slice(0, MAX_PROJECTS);
  const donors = page.donorsChart.bars.slice(0, MAX_DONORS);
  return renderSummary(context, page.heading, page, (lines) => (
    <>
      <PdfTitle dir={dir}>{page.heading}</PdfTitle>
      <PdfSubtitle dir={dir}>{t('summary-pdf:programmeSubtitle', { period: page.period })}</PdfSubtitle>
      <PdfSubtitle dir={dir}>{lines.asOf}</PdfSubtitle>
      <PdfTwoColumns
        dir={dir}
        start={
          <>
            <PdfHeading dir={dir}>{t('programmes:programme.figuresHeading', { period: page.period })}</PdfHeading>
            <PdfDetails dir={dir} rows={figures} />
          </>
        }
        end={
          <>
            <PdfHeading dir={dir}>{page.byRegionChart.title}</PdfHeading>
            <PdfTable
              dir={dir}
              dense
              columns={[
                { label: page.byRegionChart.table.categoryHeader, width: 55 },
                { label: page.byRegionChart.valueName, width: 45, align: 'end' },
              ]}
              rows={page.byRegionChart.bars.map((bar) => ({ key: bar.key, cells: [bar.label, bar.valueLabel] }))}
            />
            <PdfHeading dir={dir}>{page.donorsChart.title}</PdfHeading>
            {donors.length > 0 ? (
              <PdfTable
                dir={dir}
                dense
                columns={[
                  { label: page.donorsChart.table.categoryHeader, width: 55 },
                  { label: page.donorsChart.valueName, width: 45, align: 'end' },
                ]}
                rows={donors.map((bar) => ({ key: bar.key, cells: [bar.label, bar.valueLabel] }))}
              />
            ) : (
              <PdfParagraph dir={dir}>{page.donorsChart.emptyText}</PdfParagraph>
            )}
          </>
        }
      />
      <PdfHeading dir={dir}>{t('summary-pdf:largestGaps')}</PdfHeading>
      <PdfTable
        dir={dir}
        dense
        columns={projectColumns}
        rows={projects.map((row) => ({ key: row.code, cells: [row.code, row.title, row.place, row.funded, row.gap, row.coverage] }))}
      />
      {page.table.rows.length > projects.length ? (
        <PdfParagraph dir={dir}>{lines.more(page.table.rows.length - projects.length)}</PdfParagraph>
      ) : null}
      <PdfParagraph dir={dir}>{t('summary-pdf:basis')}</PdfParagraph>
      <PdfParagraph dir={dir}>{lines.source}</PdfParagraph>
    </>
  ));
}

const moneyColumn = (label: string, width: number): PdfColumn => ({ label, width, align: 'end' });

/** A three-column table of what was pledged to and paid for each row (a programme, a project), or a line saying there is none. */
function pledgedPaidTable(
  rows: { key: string; name: string; pledged: string; paid: string }[],
  {
    dir,
    nameLabel,
    pledgedLabel,
    paidLabel,
    emptyText,
  }: { dir: Dir; nameLabel: string; pledgedLabel: string; paidLabel: string; emptyText: string },
): ReactNode {
  if (rows.length === 0) return <PdfParagraph dir={dir}>{emptyText}</PdfParagraph>;
  return (
    <PdfTable
      dir={dir}
      dense
      columns={[{ label: nameLabel, width: 52 }, moneyColumn(pledgedLabel, 24), moneyColumn(paidLabel, 24)]}
      rows={rows.map((row) => ({ key: row.key, cells: [row.name, row.pledged, row.paid] }))}
    />
  );
}

/** A donor's giving: totals, the latest years with its rank, by programme, the largest project earmarks, its payment record. */
export async function renderDonorSummaryPdf(page: DonorPage, context: SummaryContext): Promise<Buffer> {
  const { dir, locale } = context;
  const t = getT(locale, ['donor-pages', 'summary-pdf']);
  const years = page.years.slice(-MAX_YEARS);
  const projects = page.projects.slice(0, MAX_PROJECTS);
  const about = [{ label: t('donor-pages:page.type'), value: page.type }];
  if (page.country) about.push({ label: t('donor-pages:page.country'), value: page.country });
  const totals = (['pledged', 'paid', 'generalPurpose', 'generalPurposeShare', 'outstanding'] as const).map((key) => ({
    label: t(`donor-pages:page.${key}`),
    value: page.totals[key],
  }));
  const record = (['onTime', 'late', 'outstanding', 'overdue'] as const).map((key) => ({
    label: t(`donor-pages:record.${key}`),
    value: page.paymentRecord[key],
  }));
  const pledgedPaid = { pledgedLabel: t('donor-pages:page.pledged'), paidLabel: t('donor-pages:page.paid') };
  return renderSummary(context, page.heading, page, (lines) => (
    <>
      <PdfTitle dir={dir}>{page.heading}</PdfTitle>
      <PdfSubtitle dir={dir}>{page.lastChanged?.text ?? lines.asOf}</PdfSubtitle>
      <PdfTwoColumns
        dir={dir}
        start={
          <>
            <PdfHeading dir={dir}>{t('donor-pages:page.totalsHeading')}</PdfHeading>
            <PdfDetails dir={dir} rows={[...about, ...totals]} />
          </>
        }
        end={
          <>
            <PdfHeading dir={dir}>{t('donor-pages:record.heading')}</PdfHeading>
            <PdfDetails dir={dir} rows={record} />
          </>
        }
      />
      <PdfHeading dir={dir}>{t('donor-pages:years.heading')}</PdfHeading>
      <PdfTable
        dir={dir}
        dense
        columns={[
          { label: t('donor-pages:years.year'), width: 10 },
          moneyColumn(t('donor-pages:page.pledged'), 19),
          moneyColumn(t('donor-pages:page.paid'), 19),
          moneyColumn(t('donor-pages:page.generalPurposeShare'), 15),
          moneyColumn(t('donor-pages:page.outstanding'), 19),
          moneyColumn(t('donor-pages:years.rank'), 18),
        ]}
        rows={years.map((year) => ({
          key: year.key,
          cells: [year.year, year.pledged, year.paid, year.generalPurposeShare, year.outstanding, year.rank],
        }))}
      />
      {page.years.length > years.length ? <PdfParagraph dir={dir}>{lines.more(page.years.length - years.length)}</PdfParagraph> : null}
      <PdfHeading dir={dir}>{t('donor-pages:programmes.heading')}</PdfHeading>
      {pledgedPaidTable(
        page.programmes.map((row) => ({ key: row.slug, name: row.name, pledged: row.pledged, paid: row.paid })),
        { dir, nameLabel: t('donor-pages:programmes.programme'), ...pledgedPaid, emptyText: t('donor-pages:programmes.empty') },
      )}
      <PdfHeading dir={dir}>{t('donor-pages:projects.heading')}</PdfHeading>
      {pledgedPaidTable(
        projects.map((row) => ({ key: row.code, name: `${row.code} ${row.name}`, pledged: row.pledged, paid: row.paid })),
        { dir, nameLabel: t('donor-pages:projects.project'), ...pledgedPaid, emptyText: t('donor-pages:projects.empty') },
      )}
      {page.projects.length > projects.length ? (
        <PdfParagraph dir={dir}>{lines.more(page.projects.length - projects.length)}</PdfParagraph>
      ) : null}
      <PdfParagraph dir={dir}>{t('summary-pdf:basis')}</PdfParagraph>
      <PdfParagraph dir={dir}>{lines.source}</PdfParagraph>
    </>
  ));
}

/** An ASCII file name for the download: "<slug>-summary.pdf". */
export function summaryFileName(slug: string): string {
  return `${slug}-summary.pdf`;
}
