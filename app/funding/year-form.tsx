import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

export interface Option {
  value: string;
  label: string;
}

/** Year picker as a plain GET form: works without JavaScript, the choice lands in the URL. */
export function YearForm({ years, selected }: { years: Option[]; selected: string }) {
  const { t } = useTranslation('programmes');
  return (
    <Form method="get" className="filter-form filter-form--inline" preventScrollReset>
      <div className="field">
        <label htmlFor="year-select">{t('filters.year')}</label>
        <select id="year-select" name="year" defaultValue={selected}>
          {years.map((year) => (
            <option key={year.value} value={year.value}>
              {year.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--small">
        {t('filters.show')}
      </button>
    </Form>
  );
}
