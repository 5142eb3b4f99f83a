import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ContributionTotalsView, ContributionView, SortLink } from '~/funding/dashboard-types.ts';

type Column = keyof Omit<ContributionView, 'key' | 'isAnonymous' | 'href'>;

const columns: Column[] = ['donor', 'type', 'country', 'pledged', 'paid', 'paidRatio', 'generalPurpose', 'generalPurposeShare'];
const sortOf: Partial<Record<Column, string>> = { pledged: 'pledged', paid: 'paid', generalPurposeShare: 'general-purpose-share' };
const isNumeric = (column: Column) => !['donor', 'type', 'country'].includes(column);

interface Props {
  period: string;
  headline: string;
  rows: ContributionView[];
  /** Donors in the filter; more than `rows` when the table shows only the first ones */
  count: number;
  totals: ContributionTotalsView;
  sortLinks: SortLink[];
  /** A programme or region is chosen: general-purpose gifts cannot appear in the table */
  isNarrowed: boolean;
}

/** Contributions by donor with pledged vs paid and the general-purpose share, sortable by URL. */
export function ContributionsSection({ period, headline, rows, count, totals, sortLinks, isNarrowed }: Props) {
  const { t } = useTranslation('funding');
  const current = sortLinks.find((link) => link.isCurrent)?.sort ?? 'paid';

  function header(column: Column) {
    const label = t(`contributions.${column}`);
    const link = sortLinks.find((candidate) => candidate.sort === sortOf[column]);
    const className = isNumeric(column) ? 'dashboard-num' : undefined;
    if (!link)
      return (
        <th key={column} scope="col" className={className}>
          {label}
        </th>
      );
    return (
      <th key={column} scope="col" className={className} aria-sort={link.isCurrent ? 'descending' : undefined}>
        <Link to={link.href} preventScrollReset className="sort-link">
          {label}
          <span aria-hidden="true"> {link.isCurrent ? '▼' : '⇅'}</span>
        </Link>
      </th>
    );
  }

  return (
    <section className="dashboard-contributions" id="contributions" aria-labelledby="contributions-title">
      <h2 id="contributions-title">{t('contributions.heading')}</h2>
      <div className="headline-figure">
        <p className="headline-figure__value">{headline}</p>
        <p>{t('contributions.why')}</p>
        {isNarrowed ? <p className="headline-figure__note">{t('contributions.narrowed')}</p> : null}
      </div>
      {rows.length === 0 ? (
        <p>{t('contributions.empty')}</p>
      ) : (
        <>
          <p className="dashboard-note">{t('contributions.sortHint')}</p>
          {count > rows.length ? <p className="dashboard-note">{t('contributions.truncated', { shown: rows.length, count })}</p> : null}
          {/* Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1). */}
          <div className="table-scroll" role="region" aria-labelledby="contributions-caption" tabIndex={0}>
            <table className="data-table">
              <caption id="contributions-caption">
                {t('contributions.caption', { period, sort: t(`contributions.sortBy.${current}`) })}
              </caption>
              <thead>
                <tr>{columns.map(header)}</tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className={row.isAnonymous ? 'donor--anonymous' : undefined}>
                      {row.href ? <Link to={row.href}>{row.donor}</Link> : row.donor}
                    </th>
                    {columns.slice(1).map((column) => (
                      <td key={column} className={isNumeric(column) ? 'dashboard-num' : undefined}>
                        {row[column]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    {t('contributions.total')}
                  </th>
                  <td className="dashboard-num">{totals.pledged}</td>
                  <td className="dashboard-num">{totals.paid}</td>
                  <td className="dashboard-num">{totals.paidRatio}</td>
                  <td className="dashboard-num">{totals.generalPurpose}</td>
                  <td className="dashboard-num">{totals.generalPurposeShare}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
