import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Option } from '~/funding/year-form.tsx';
import { FilterSelect } from '~/ui/filter-select.tsx';

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
        <FilterSelect name="year" label={t('filters.year')} value={form.year} options={form.years} />
        <FilterSelect
          name="region"
          label={t('filters.region')}
          value={form.region}
          options={form.regions}
          emptyLabel={t('filters.anyRegion')}
        />
        <FilterSelect
          name="country"
          label={t('filters.country')}
          value={form.country}
          options={form.countries}
          emptyLabel={t('filters.anyCountry')}
        />
        <FilterSelect
          name="status"
          label={t('filters.status')}
          value={form.status}
          options={form.statuses}
          emptyLabel={t('filters.anyStatus')}
        />
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
