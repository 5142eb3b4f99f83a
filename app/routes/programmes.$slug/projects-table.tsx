import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { FormattedFigures } from '~/funding/funding-format.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

export type SortColumn = 'code' | 'requirement' | 'gap' | 'coverage';

export interface ProjectTableRow {
  code: string;
  title: string;
  place: string;
  status: string;
  requirement: string;
  funded: string;
  gap: string;
  coverage: string;
}

export interface ProjectsTableData {
  caption: string;
  sort: SortColumn;
  dir: 'asc' | 'desc';
  sortLinks: Record<SortColumn, string>;
  rows: ProjectTableRow[];
  totals: FormattedFigures;
}

const columns = ['code', 'title', 'place', 'status', 'requirement', 'funded', 'gap', 'coverage'] as const;
const sortable = new Set<string>(['code', 'requirement', 'gap', 'coverage']);
const numeric = new Set<string>(['requirement', 'funded', 'gap', 'coverage']);

/** Projects with their figures; sortable column headers are links (no JavaScript needed). */
export function ProjectsTable({ table }: { table: ProjectsTableData }) {
  const { t } = useTranslation('programmes');
  if (table.rows.length === 0) return <p className="empty-state">{t('projects.none')}</p>;
  return (
    <TableScroll label={table.caption}>
      <table className="data-table data-table--figures" id="projects-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const isSorted = table.sort === column;
              const ariaSort = isSorted ? (table.dir === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th scope="col" key={column} aria-sort={ariaSort} className={numeric.has(column) ? 'numeric' : undefined}>
                  {sortable.has(column) ? (
                    <Link to={table.sortLinks[column as SortColumn]} preventScrollReset className="sort-link">
                      {t(`projects.columns.${column}`)}
                      {isSorted ? <span aria-hidden="true">{table.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
                      <span className="visually-hidden"> {t('projects.sortHint')}</span>
                    </Link>
                  ) : (
                    t(`projects.columns.${column}`)
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.code} data-project={row.code}>
              <th scope="row">
                <Link to={`/projects/${row.code}`}>{row.code}</Link>
              </th>
              <td className="projects-table__title">{row.title}</td>
              <td data-column="place">{row.place}</td>
              <td>{row.status}</td>
              <td className="numeric">{row.requirement}</td>
              <td className="numeric">{row.funded}</td>
              <td className="numeric" data-column="gap">
                {row.gap}
              </td>
              <td className="numeric">{row.coverage}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-total="true">
            <th scope="row" colSpan={4}>
              {t('projects.total')}
            </th>
            <td className="numeric">{table.totals.requirement}</td>
            <td className="numeric">{table.totals.funded}</td>
            <td className="numeric" data-column="gap">
              {table.totals.gap}
            </td>
            <td className="numeric">{table.totals.coverage}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
