import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { FilterFormView, Option } from './types.ts';

function Select({ name, label, value, options, allLabel }: { name: string; label: string; value: string; options: Option[]; allLabel?: string }) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {allLabel ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A plain GET form: the URL carries every filter, so it works without JavaScript, can be
 * bookmarked, and its query string is the one the open data API understands.
 */
export function FilterForm({ form }: { form: FilterFormView }) {
  const { t } = useTranslation('funding');
  return (
    <Form method="get" action="/funding" className="dashboard-filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{t('filters.heading')}</h2>
      <div className="dashboard-filters__fields">
        <Select name="from" label={t('filters.from')} value={form.from} options={form.years} />
        <Select name="to" label={t('filters.to')} value={form.to} options={form.years} />
        <Select name="programme" label={t('filters.programme')} value={form.programme} options={form.programmes} allLabel={t('filters.allProgrammes')} />
        <Select name="region" label={t('filters.region')} value={form.region} options={form.regions} allLabel={t('filters.allRegions')} />
        <div className="field">
          <label htmlFor="filter-donorType">{t('filters.donorType')}</label>
          <select id="filter-donorType" name="donorType" defaultValue={form.donorType} aria-describedby="filter-donorType-hint">
            <option value="">{t('filters.allDonorTypes')}</option>
            {form.donorTypes.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <p id="filter-donorType-hint" className="dashboard-filters__hint">
            {t('filters.donorTypeHint')}
          </p>
        </div>
      </div>
      {form.sort ? <input type="hidden" name="sort" value={form.sort} /> : null}
      <p className="dashboard-filters__actions">
        <button type="submit" className="button">
          {t('filters.submit')}
        </button>
        <Link to="/funding" className="button button--secondary">
          {t('filters.reset')}
        </Link>
      </p>
    </Form>
  );
}
