// /countries/:iso — one country (ISO 3166-1 alpha-2, as projects store it): its projects, their
// requirement, funding by source and by donor, gap, a chart by year with its table, downloads,
// and how to read the figures. Unknown codes are a 404 that says so; lower case redirects.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteError } from '@remix-run/react';
import { PlaceErrorPage } from '~/funding/place-not-found.tsx';
import { buildPlacePage } from '~/funding/place-page.server.ts';
import { PlacePageView } from '~/funding/place-page-view.tsx';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { publicPageHeaders, titleAndDescription } from '~/platform/public-page.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = resolveLocale(request);
  return data(await buildPlacePage(request, { kind: 'country', code: params.iso ?? '' }, locale));
}

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: page }) => titleAndDescription(page);

export default function CountryPage() {
  return <PlacePageView page={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <PlaceErrorPage error={useRouteError()} />;
}
