import { useTranslation } from 'react-i18next';
import type { DownloadLinks } from '~/funding/dashboard-types.ts';

const tables = ['programmes', 'projects', 'contributions'] as const;

/**
 * Links to the open data API with the page's own query string, so each file holds the figures
 * shown here. Plain <a> elements: these are downloads, not Remix routes.
 */
export function DownloadsSection({ downloads }: { downloads: DownloadLinks }) {
  const { t } = useTranslation('funding');
  return (
    <section className="dashboard-downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('downloads.heading')}</h2>
      <p>{t('downloads.intro')}</p>
      <ul className="dashboard-downloads__list">
        {tables.map((table) => {
          const name = t(`downloads.tables.${table}`);
          return (
            <li key={table}>
              <a href={downloads[table].csv}>{t('downloads.csv', { table: name })}</a>
              {' · '}
              <a href={downloads[table].json}>{t('downloads.json', { table: name })}</a>
              {' · '}
              <a href={downloads[table].xlsx}>{t('downloads.xlsx', { table: name })}</a>
            </li>
          );
        })}
        <li>
          <a href="/api/v1/openapi.json">{t('downloads.apiDocs')}</a>
        </li>
        <li>
          <a href="/iati/activities.xml">{t('downloads.iati')}</a>
        </li>
      </ul>
    </section>
  );
}
