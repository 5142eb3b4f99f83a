import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DonorPage } from '~/funding/donor-page.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const yearColumns = ['pledged', 'paid', 'generalPurpose', 'generalPurposeShare', 'outstanding', 'rank'] as const;

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

      <section aria-labelledby="programmes-title">
        <h2 id="programmes-title">{t('programmes.heading')}</h2>
        {page.programmes.length === 0 ? (
          <p>{t('programmes.empty')}</p>
        ) : (
          <TableScroll label={t('programmes.caption')}>
            <table className="data-table data-table--figures" id="donor-programmes">
              <caption>{t('programmes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programmes.programme')}</th>
                  <th scope="col" className="numeric">
                    {t('page.pledged')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('page.paid')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.programmes.map((row) => (
                  <tr key={row.slug}>
                    <th scope="row">
                      <Link to={`/programmes/${row.slug}`}>{row.name}</Link>
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

      <section aria-labelledby="projects-title">
        <h2 id="projects-title">{t('projects.heading')}</h2>
        {page.projects.length === 0 ? (
          <p>{t('projects.empty')}</p>
        ) : (
          <TableScroll label={t('projects.caption')}>
            <table className="data-table data-table--figures" id="donor-projects">
              <caption>{t('projects.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('projects.project')}</th>
                  <th scope="col" className="numeric">
                    {t('page.pledged')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('page.paid')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.projects.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      <Link to={`/projects/${row.code}`}>
                        {row.code} — {row.name}
                      </Link>
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
