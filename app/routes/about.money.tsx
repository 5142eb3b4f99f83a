// /about/money — How your money is used (issue #16 item 4): static text in the reader's language,
// no database; the page itself is app/trust/money-page.tsx.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteError } from '@remix-run/react';
import { MoneyPage } from '~/trust/money-page.tsx';
import { getMoneyPage } from '~/trust/trust-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export function loader({ request }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(getMoneyPage({ locale }));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function AboutMoney() {
  return <MoneyPage {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
