import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DonorList } from '~/funding/donor-page.server.ts';

/** Name search and type filter as a plain GET form: works without JavaScript, lands in the URL, starts at page 1. */
export function DonorSearchForm({ form }: { form: DonorList['form'] }) {
  const { t } = useTranslation('donor-pages');
  return (
    <Form method="get" role="search" aria-label={t('list.searchLabel')} className="filter-form filter-form--inline">
      <div className="field">
        <label htmlFor="donor-search">{t('list.searchName')}</label>
        <input id="donor-search" type="search" name="q" defaultValue={form.q} maxLength={100} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor="donor-type">{t('list.type')}</label>
        <select id="donor-type" name="type" defaultValue={form.type}>
          <option value="">{t('list.anyType')}</option>
          {form.types.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--small">
        {t('list.search')}
      </button>
    </Form>
  );
}
