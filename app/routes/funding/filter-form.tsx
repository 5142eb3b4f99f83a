import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { FilterFormView } from '~/funding/dashboard-types.ts';
import { FilterSelect } from '~/ui/filter-select.tsx';

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
        <FilterSelect name="from" label={t('filters.from')} value={form.from} options={form.years} />
        <FilterSelect name="to" label={t('filters.to')} value={form.to} options={form.years} />
        <FilterSelect
          name="programme"
          label={t('filters.programme')}
          value={form.programme}
          options={form.programmes}
          emptyLabel={t('filters.allProgrammes')}
        />
        <FilterSelect
          name="region"
          label={t('filters.region')}
          value={form.region}
          options={form.regions}
          emptyLabel={t('filters.allRegions')}
        />
        <FilterSelect
          name="country"
          label={t('filters.country')}
          value={form.country}
          options={form.countries}
          emptyLabel={t('filters.allCountries')}
        />
        <FilterSelect
          name="project"
          label={t('filters.project')}
          value={form.project}
          options={form.projects}
          emptyLabel={t('filters.allProjects')}
        />
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
