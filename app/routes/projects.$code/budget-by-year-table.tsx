import { useTranslation } from 'react-i18next';
import type { FormattedFigures } from '~/funding/funding-format.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const columns = ['requirement', 'funded', 'pledgedUnpaid', 'gap', 'coverage'] as const;

/** Requirement, funded, pledged-unpaid, gap and coverage for each year. */
export function BudgetByYearTable({ years, caption }: { years: (FormattedFigures & { year: string })[]; caption: string }) {
  const { t } = useTranslation('programmes');
  return (
    <TableScroll label={caption}>
      <table className="data-table data-table--figures" id="budget-by-year">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figures.year')}</th>
            {columns.map((column) => (
              <th scope="col" key={column} className="numeric">
                {t(`figures.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((row) => (
            <tr key={row.year}>
              <th scope="row">{row.year}</th>
              {columns.map((column) => (
                <td key={column} className="numeric" data-column={column}>
                  {row[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
