import { useTranslation } from 'react-i18next';

/** Shown on every page in demo mode, so nobody mistakes simulated payments for real ones. */
export function DemoBanner({ mailUrl }: { mailUrl: string }) {
  const { t } = useTranslation('common');
  return (
    <aside className="demo-banner" aria-label={t('demo.label')}>
      <p>
        <strong>{t('demo.text')}</strong> <a href={mailUrl}>{t('demo.mailLink')}</a>
      </p>
    </aside>
  );
}
