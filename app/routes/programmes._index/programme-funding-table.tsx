import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { FormattedFigures } from '~/funding/funding-format.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export interface ProgrammeFundingRowData {
  slug: string;
  title: string;
  figures: FormattedFigures;
}

const columns = ['requirement', 'regularBudget', 'generalPurpose', 'earmarked', 'funded', 'pledgedUnpaid', 'gap', 'coverage'] as const;

/** Every programme's figures for the year: the full-detail alternative to the chart. */
export function ProgrammeFundingTable({ rows, caption }: { rows: ProgrammeFundingRowData[]; caption: string }) {
  const { t } = useTranslation('programmes');
  return (
    <TableScroll label={caption}>
      <table className="data-table data-table--figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.programme')}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {t(`figures.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.slug} data-programme={row.slug}>
              <th scope="row" className="programme-table__name">
                <Link to={`/programmes/${row.slug}`}>{row.title}</Link>
              </th>
              {columns.map((column) => (
                <td key={column} data-column={column}>
                  {row.figures[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
