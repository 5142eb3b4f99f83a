// The segment form's live count: the form's fields as a query string → how many donors the
// segment holds now, in the reader's language ({ count, text }; count null when a field is wrong).
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { APPEALS_ROLES, countFromQuery } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const answer = await countFromQuery({ searchParams: new URL(request.url).searchParams, locale: resolveLocale(request).locale });
  return data(answer, { headers: { 'Cache-Control': 'private, no-store' } });
}
