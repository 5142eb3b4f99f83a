// Resource mobilization and admins: build a segment of donors with a live count, and save it.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SegmentForm } from '~/appeals/segment-form.tsx';
import { APPEALS_ROLES, buildSegmentPage, handleSegmentForm } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const page = await buildSegmentPage({ locale: resolveLocale(request).locale });
  if (!page) throw new Response('Not found', { status: 404 });
  return data(page);
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, APPEALS_ROLES);
  const outcome = await handleSegmentForm({ form: await request.formData(), staffUserId: staff.id, locale: resolveLocale(request).locale });
  if (outcome.kind === 'saved') return redirect(`/staff/appeals/segments/${outcome.id}?saved=1`);
  return data(outcome, { status: outcome.kind === 'invalid' ? 400 : 200 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function NewSegment() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('staff-appeals');
  return (
    <section className="staff-appeals stack" aria-labelledby="segment-title">
      <p>
        <Link to="/staff/appeals">{t('back')}</Link>
      </p>
      <h1 id="segment-title">{page.title}</h1>
      <SegmentForm
        options={page.options}
        values={result?.values ?? page.values}
        countText={result?.kind === 'counted' ? result.countText : page.countText}
        errors={result?.errors}
        formError={result?.kind === 'invalid' ? result.formError : undefined}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
