// Any address no route claims: a real 404 status, in the reader's language.
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useRouteError } from '@remix-run/react';
import { ErrorPage, NotFound } from '~/ui/error-page.tsx';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data({ title: pageTitle(locale, getT(locale, 'common')('notFound.title')) }, { status: 404 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function NotFoundRoute() {
  return <NotFound />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
