import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Option } from './year-form.tsx';

export interface ProjectFiltersData {
  year: string;
  years: Option[];
  region: string;
  regions: Option[];
  country: string;
  countries: Option[];
  status: string;
  statuses: Option[];
  sort: string;
  dir: string;
}

function Select({ id, name, label, value, options, anyLabel }: { id: string; name: string; label: string; value: string; options: Option[]; anyLabel?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
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
 * The projects filter as a plain GET form: every choice is a URL parameter (the same ones as the
 * open data API), so it works without JavaScript and a filtered view can be shared or bookmarked.
 */
export function ProjectFiltersForm({ form, resetHref }: { form: ProjectFiltersData; resetHref: string }) {
  const { t } = useTranslation('programmes');
  return (
    <Form method="get" className="filter-form" preventScrollReset aria-labelledby="project-filters-title">
      <h3 id="project-filters-title" className="filter-form__title">
        {t('filters.legend')}
      </h3>
      <div className="filter-form__fields">
        <Select id="filter-year" name="year" label={t('filters.year')} value={form.year} options={form.years} />
        <Select id="filter-region" name="region" label={t('filters.region')} value={form.region} options={form.regions} anyLabel={t('filters.anyRegion')} />
        <Select id="filter-country" name="country" label={t('filters.country')} value={form.country} options={form.countries} anyLabel={t('filters.anyCountry')} />
        <Select id="filter-status" name="status" label={t('filters.status')} value={form.status} options={form.statuses} anyLabel={t('filters.anyStatus')} />
      </div>
      {/* Filtering keeps the table's current order. */}
      <input type="hidden" name="sort" value={form.sort} />
      <input type="hidden" name="dir" value={form.dir} />
      <p className="filter-form__actions">
        <button type="submit" className="button button--small">
          {t('filters.apply')}
        </button>
        <Link to={resetHref}>{t('filters.reset')}</Link>
      </p>
    </Form>
  );
}
