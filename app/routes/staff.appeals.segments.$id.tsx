// Resource mobilization and admins: a saved segment — its live count, renamed, changed or reused.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { SegmentPage } from '~/appeals/segment-form.tsx';
import { APPEALS_ROLES, buildSegmentPage, handleSegmentForm } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const page = await buildSegmentPage({ locale: resolveLocale(request).locale, segmentId: params.id ?? '-' });
  const saved = new URL(request.url).searchParams.has('saved');
  if (!page) throw new Response('Not found', { status: 404 });
  return data({ ...page, saved });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, APPEALS_ROLES);
  const outcome = await handleSegmentForm({
    form: await request.formData(),
    staffUserId: staff.id,
    locale: resolveLocale(request).locale,
    segmentId: params.id ?? '-',
  });
  if (outcome.kind === 'saved') return redirect(`/staff/appeals/segments/${outcome.id}?saved=1`);
  return data(outcome, { status: outcome.kind === 'invalid' ? 400 : 200 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function EditSegment() {
  return <SegmentPage page={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} canSaveAsNew />;
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
