// The document: <html lang dir> in the reader's language, the page shell, and the page translator
// (components/i18n-instance.ts) set up from this loader's data (one language's resources, all
// namespaces) so nothing flashes untranslated.
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ErrorPage } from '~/ui/error-page.tsx';
import { getI18nInstance, type ClientResources } from '~/platform/i18n-instance.ts';
import { useNonce } from '~/ui/nonce-provider.tsx';
import { SiteShell } from '~/ui/site-shell.tsx';
import englishCommon from '~/locales/en/common.json';
import appStylesHref from '~/ui/styles/app.css?url';
import { getEnv, isDemoMode } from '~/platform/env.server.ts';
import { getLocaleResources, getT, resolveLocale } from '~/platform/i18n.server.ts';
import { defaultLocale, directionOf, type Locale } from '~/platform/i18n.ts';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStylesHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, setCookie } = resolveLocale(request);
  const env = getEnv();
  const t = getT(locale, 'common');
  return data(
    {
      locale,
      resources: getLocaleResources(locale) as ClientResources,
      siteName: t('site.name'),
      siteDescription: t('meta.description'),
      demoMailUrl: isDemoMode(env) ? `http://127.0.0.1:${env.DEMO_MAIL_PORT}/` : undefined,
    },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  );
}

export type RootLoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export const meta: MetaFunction<typeof loader> = ({ data: rootData }) => [
  { title: rootData?.siteName ?? 'Crime Prevention and Criminal Justice Programme' },
  { name: 'description', content: rootData?.siteDescription ?? '' },
];

/** Root data from any route component (undefined only when the root loader itself failed). */
export function useRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<typeof loader>('root');
}

// Used only when the root loader failed: the error page then speaks English.
const fallbackResources: ClientResources = { common: englishCommon };

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRootData();
  const locale: Locale = rootData?.locale ?? defaultLocale;
  const i18n = getI18nInstance(locale, rootData?.resources ?? fallbackResources);
  const nonce = useNonce();
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, demoMailUrl } = useLoaderData<typeof loader>();
  return (
    <SiteShell locale={locale} demoMailUrl={demoMailUrl}>
      <Outlet />
    </SiteShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const rootData = useRootData();
  return (
    <SiteShell locale={rootData?.locale ?? defaultLocale} demoMailUrl={rootData?.demoMailUrl}>
      <ErrorPage error={error} />
    </SiteShell>
  );
}
