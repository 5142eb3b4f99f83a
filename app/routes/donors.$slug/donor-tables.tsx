import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DonorPage } from '~/funding/donor-page.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const yearColumns = ['pledged', 'paid', 'generalPurpose', 'generalPurposeShare', 'outstanding', 'rank'] as const;

/** A section with the donor's pledged and paid per programme or per project, each row linked to its page. */
function PledgedPaidSection(props: {
  id: 'programmes' | 'projects';
  heading: string;
  empty: string;
  caption: string;
  nameColumn: string;
  rows: { key: string; href: string; label: string; pledged: string; paid: string }[];
}) {
  const { t } = useTranslation('donor-pages');
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.heading}</h2>
      {props.rows.length === 0 ? (
        <p>{props.empty}</p>
      ) : (
        <TableScroll label={props.caption}>
          <table className="data-table data-table--figures" id={`donor-${props.id}`}>
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{props.nameColumn}</th>
                <th scope="col" className="numeric">
                  {t('page.pledged')}
                </th>
                <th scope="col" className="numeric">
                  {t('page.paid')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <Link to={row.href}>{row.label}</Link>
                  </th>
                  <td className="numeric">{row.pledged}</td>
                  <td className="numeric">{row.paid}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The donor's giving by year (with rank), by programme, by project, its general-purpose share and payment record. */
export function DonorTables({ page }: { page: DonorPage }) {
  const { t } = useTranslation('donor-pages');
  const yearHeader = (column: (typeof yearColumns)[number]) => (column === 'rank' ? t('years.rank') : t(`page.${column}`));
  return (
    <>
      <section aria-labelledby="years-title">
        <h2 id="years-title">{t('years.heading')}</h2>
        <TableScroll label={t('years.caption')}>
          <table className="data-table data-table--figures" id="donor-years">
            <caption>{t('years.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('years.year')}</th>
                {yearColumns.map((column) => (
                  <th scope="col" key={column} className="numeric">
                    {yearHeader(column)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.years.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.year}</th>
                  {yearColumns.map((column) => (
                    <td key={column} className="numeric" data-column={column}>
                      {row[column]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>

      <section aria-labelledby="earmark-title">
        <h2 id="earmark-title">{t('earmark.heading')}</h2>
        <p>
          {t('earmark.text', {
            paid: page.generalPurpose.paid,
            share: page.totals.generalPurposeShare,
            pledged: page.generalPurpose.pledged,
          })}
        </p>
      </section>

      <PledgedPaidSection
        id="programmes"
        heading={t('programmes.heading')}
        empty={t('programmes.empty')}
        caption={t('programmes.caption')}
        nameColumn={t('programmes.programme')}
        rows={page.programmes.map((row) => ({ ...row, key: row.slug, href: `/programmes/${row.slug}`, label: row.name }))}
      />

      <PledgedPaidSection
        id="projects"
        heading={t('projects.heading')}
        empty={t('projects.empty')}
        caption={t('projects.caption')}
        nameColumn={t('projects.project')}
        rows={page.projects.map((row) => ({ ...row, key: row.code, href: `/projects/${row.code}`, label: `${row.code} — ${row.name}` }))}
      />

      <section aria-labelledby="record-title">
        <h2 id="record-title">{t('record.heading')}</h2>
        <TableScroll label={t('record.caption')}>
          <table className="data-table data-table--figures" id="donor-record">
            <caption>{t('record.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('record.status')}</th>
                <th scope="col" className="numeric">
                  {t('record.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {(['onTime', 'late', 'outstanding', 'overdue'] as const).map((key) => (
                <tr key={key}>
                  <th scope="row">{t(`record.${key}`)}</th>
                  <td className="numeric">{page.paymentRecord[key]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <p>{t('record.outstandingAmount', { amount: page.paymentRecord.outstandingAmount })}</p>
      </section>
    </>
  );
}
