// A project's requirements, updates and indicators as staff see them, each list followed by the
// form that adds to it.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '~/ui/markdown.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';

type Update = { id: string; title: string; body: string; date: string };
type Indicator = { id: string; code: string; name: string; unit: string; baseline: string; target: string; latest: string };

interface Props<U extends Update, I extends Indicator> {
  requirements: { year: number; amount: string }[];
  updates: U[];
  indicators: I[];
  /** The form that corrects one update or indicator, folded under it. */
  editUpdate: (update: U) => ReactNode;
  editIndicator: (indicator: I) => ReactNode;
  children: { requirement: ReactNode; update: ReactNode; indicator: ReactNode; value: ReactNode };
}

export function ProjectResults<U extends Update, I extends Indicator>({
  requirements,
  updates,
  indicators,
  editUpdate,
  editIndicator,
  children,
}: Props<U, I>) {
  const { t } = useTranslation('programme-editor');
  return (
    <>
      <section aria-labelledby="requirements-title">
        <h2 id="requirements-title">{t('requirements.heading')}</h2>
        {requirements.length === 0 ? (
          <p>{t('requirements.none')}</p>
        ) : (
          <TableScroll label={t('requirements.caption')}>
            <table className="data-table">
              <caption>{t('requirements.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.year')}</th>
                  <th scope="col" className="numeric">
                    {t('columns.requirement')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {requirements.map((row) => (
                  <tr key={row.year}>
                    <th scope="row">{row.year}</th>
                    <td className="numeric">{row.amount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {children.requirement}
      </section>

      <section aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('indicators.heading')}</h2>
        {indicators.length === 0 ? (
          <p>{t('indicators.none')}</p>
        ) : (
          <TableScroll label={t('indicators.caption')}>
            <table className="data-table">
              <caption>{t('indicators.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.code')}</th>
                  <th scope="col">{t('columns.title')}</th>
                  <th scope="col">{t('columns.unit')}</th>
                  <th scope="col" className="numeric">
                    {t('columns.baseline')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('columns.target')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('columns.latest')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {indicators.map((indicator) => (
                  <tr key={indicator.id}>
                    <th scope="row">{indicator.code}</th>
                    <td>{indicator.name}</td>
                    <td>{indicator.unit}</td>
                    <td className="numeric">{indicator.baseline}</td>
                    <td className="numeric">{indicator.target}</td>
                    <td className="numeric">{indicator.latest}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {indicators.map((indicator) => (
          <details key={indicator.id} className="editor-edit">
            <summary>{t('indicators.edit', { code: indicator.code })}</summary>
            {editIndicator(indicator)}
          </details>
        ))}
        {children.value}
        {children.indicator}
      </section>

      <section aria-labelledby="updates-title">
        <h2 id="updates-title">{t('updates.heading')}</h2>
        {updates.length === 0 ? (
          <p>{t('updates.none')}</p>
        ) : (
          <ol className="impact-updates">
            {updates.map((update) => (
              <li key={update.id}>
                <article aria-labelledby={`staff-update-${update.id}`} className="impact-update">
                  <h3 id={`staff-update-${update.id}`}>{update.title}</h3>
                  <p className="impact-update__date">{update.date}</p>
                  <Markdown source={update.body} />
                </article>
                <details className="editor-edit">
                  <summary>{t('updates.edit', { title: update.title })}</summary>
                  {editUpdate(update)}
                </details>
              </li>
            ))}
          </ol>
        )}
        {children.update}
      </section>
    </>
  );
}
