import { Link, isRouteErrorResponse } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';

/** The error page of a country or region route: an unknown code says so, and where to go instead. */
export function PlaceErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation('place-pages');
  const body: unknown = isRouteErrorResponse(error) && error.status === 404 ? error.data : null;
  // The loader's 404 carries { notFound: 'country' | 'region', code }: a parse boundary.
  const notFound = body && typeof body === 'object' && 'notFound' in body ? (body as { notFound: string; code: string }) : null;
  if (!notFound || (notFound.notFound !== 'country' && notFound.notFound !== 'region')) return <ErrorPage error={error} />;
  return (
    <section className="message-page" aria-labelledby="not-found-title">
      <p className="message-page__status">{t('common:error.status', { status: 404 })}</p>
      <h1 id="not-found-title">{t(`notFound.${notFound.notFound}.title`)}</h1>
      <p>{t(`notFound.${notFound.notFound}.body`, { code: notFound.code })}</p>
      <p>
        <Link to="/funding">{t('notFound.funding')}</Link>
      </p>
    </section>
  );
}
