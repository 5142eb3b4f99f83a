import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { DonorList } from '~/funding/donor-page.server.ts';

/** Previous / next page of the list; nothing when everything fits on one page. */
export function DonorPager({ pager }: { pager: DonorList['pager'] }) {
  const { t } = useTranslation('donor-pages');
  if (!pager.previous && !pager.next) return null;
  return (
    <nav className="pager" aria-label={t('list.pages')}>
      {pager.previous ? (
        <Link to={pager.previous} rel="prev">
          {t('list.previous')}
        </Link>
      ) : null}
      <span>{pager.label}</span>
      {pager.next ? (
        <Link to={pager.next} rel="next">
          {t('list.next')}
        </Link>
      ) : null}
    </nav>
  );
}
