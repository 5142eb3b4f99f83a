import { useTranslation } from 'react-i18next';

/** One URL parameter that was not understood: its translated name and what was sent. */
export interface IgnoredFilter {
  name: string;
  label: string;
  value: string;
}

/** Says which filters in the address were not understood and therefore ignored. */
export function IgnoredFiltersNotice({ ignored }: { ignored: IgnoredFilter[] }) {
  const { t } = useTranslation('programmes');
  if (ignored.length === 0) return null;
  return (
    <div className="filter-notice" role="status">
      <p>{t('filters.ignored')}</p>
      <ul>
        {ignored.map((item) => (
          <li key={item.name}>{t('filters.ignoredItem', { name: item.label, value: item.value })}</li>
        ))}
      </ul>
    </div>
  );
}
