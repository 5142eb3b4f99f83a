import { Link, isRouteErrorResponse, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** A translated error page; the stack is shown only in development builds. */
export function ErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFound />;
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const stack = import.meta.env.DEV && error instanceof Error ? error.stack : undefined;
  return (
    <section className="message-page" aria-labelledby="error-title">
      <p className="message-page__status">{t('error.status', { status })}</p>
      <h1 id="error-title">{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      {stack ? <pre className="message-page__stack">{stack}</pre> : null}
      <p>
        <Link to="/">{t('error.home')}</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  const { t } = useTranslation('common');
  const { pathname } = useLocation();
  return (
    <section className="message-page" aria-labelledby="not-found-title">
      <p className="message-page__status">{t('error.status', { status: 404 })}</p>
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: pathname })}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </section>
  );
}
