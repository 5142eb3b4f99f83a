import { useTranslation } from 'react-i18next';
import { Markdown } from '~/ui/markdown.tsx';
import { TableScroll } from '~/ui/table-scroll.tsx';

export interface ImpactUpdateView {
  id: string;
  title: string;
  body: string;
  date: string;
  /** YYYY-MM-DD for <time dateTime> */
  dateTime: string;
}

export interface IndicatorView {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  latest: string;
  /** "120 → 185 of 300": baseline → latest actual of target */
  progress: string;
}

/** A project's impact updates (newest first) and result indicators, or a translated empty state. */
export function ImpactSection({ updates, indicators }: { updates: ImpactUpdateView[]; indicators: IndicatorView[] }) {
  const { t } = useTranslation('programmes');
  return (
    <section aria-labelledby="impact-title" className="impact">
      <h2 id="impact-title">{t('impact.heading')}</h2>
      {updates.length === 0 && indicators.length === 0 ? (
        <p className="empty-state">{t('impact.empty')}</p>
      ) : (
        <>
          <h3>{t('impact.indicatorsHeading')}</h3>
          {indicators.length === 0 ? (
            <p className="empty-state">{t('impact.noIndicators')}</p>
          ) : (
            <TableScroll label={t('impact.indicatorsCaption')}>
              <table className="data-table data-table--figures">
                <caption>{t('impact.indicatorsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('impact.indicator')}</th>
                    <th scope="col">{t('impact.unit')}</th>
                    <th scope="col" className="numeric">
                      {t('impact.baseline')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('impact.target')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('impact.latest')}
                    </th>
                    <th scope="col">{t('programme-editor:public.progressHeading')}</th>
                  </tr>
                </thead>
                <tbody>
                  {indicators.map((indicator) => (
                    <tr key={indicator.id}>
                      <th scope="row">{indicator.name}</th>
                      <td>{indicator.unit}</td>
                      <td className="numeric">{indicator.baseline}</td>
                      <td className="numeric">{indicator.target}</td>
                      <td className="numeric">{indicator.latest}</td>
                      <td>{indicator.progress}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <h3>{t('impact.updatesHeading')}</h3>
          {updates.length === 0 ? (
            <p className="empty-state">{t('impact.noUpdates')}</p>
          ) : (
            <ol className="impact-updates">
              {updates.map((update) => (
                <li key={update.id}>
                  <article aria-labelledby={`update-${update.id}`} className="impact-update">
                    <h4 id={`update-${update.id}`}>{update.title}</h4>
                    <p className="impact-update__date">
                      <time dateTime={update.dateTime}>{update.date}</time>
                    </p>
                    <div className="impact-update__body">
                      <Markdown source={update.body} />
                    </div>
                  </article>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
