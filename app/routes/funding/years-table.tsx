import { useTranslation } from 'react-i18next';
import type { YearView } from '~/funding/dashboard-types.ts';

const columns = [
  'requirement',
  'regularBudget',
  'generalPurpose',
  'earmarked',
  'funded',
  'pledgedUnpaid',
  'gap',
  'coverage',
  'generalPurposeShare',
] as const;

/** Every figure of every year in the range: the full text alternative of the year charts. */
export function YearsTable({ years, period }: { years: YearView[]; period: string }) {
  const { t } = useTranslation('funding');
  if (years.length === 0) return <p>{t('years.empty')}</p>;
  return (
    // Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1).
    <div className="table-scroll" role="region" aria-labelledby="years-table-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="years-table-caption">{t('years.caption', { period })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('years.year')}</th>
            {columns.map((column) => (
              <th scope="col" key={column} className="dashboard-num">
                {t(`years.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {years.map((year) => (
            <tr key={year.year}>
              <th scope="row">{year.yearLabel}</th>
              {columns.map((column) => (
                <td key={column} className="dashboard-num">
                  {year[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
