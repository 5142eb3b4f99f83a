import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ProgrammeRowView } from '~/funding/dashboard-types.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const columns = ['requirement', 'funded', 'pledgedUnpaid', 'gap', 'coverage'] as const;

/** Each programme for the filters: the same rows as the programmes download. */
export function ProgrammesTable({ rows, period }: { rows: ProgrammeRowView[]; period: string }) {
  const { t } = useTranslation('funding');
  return (
    <section className="dashboard-programmes" aria-labelledby="programmes-title">
      <h2 id="programmes-title">{t('programmes.heading')}</h2>
      <TableScroll label={t('programmes.caption', { period })}>
        <table className="data-table" data-testid="programmes-table">
          <caption>{t('programmes.caption', { period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.programme')}</th>
              {columns.map((column) => (
                <th scope="col" key={column} className="dashboard-num">
                  {t(`years.${column}`)}
                </th>
              ))}
              <th scope="col" className="dashboard-num">
                {t('programmes.unallocated')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.slug} data-programme={row.slug}>
                <th scope="row">
                  <Link to={`/programmes/${row.slug}`}>{row.title}</Link>
                </th>
                {columns.map((column) => (
                  <td key={column} className="dashboard-num">
                    {row[column]}
                  </td>
                ))}
                <td className="dashboard-num">{row.unallocated ?? t('programmes.noRegion')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="dashboard-note">{t('programmes.unallocatedNote')}</p>
    </section>
  );
}
