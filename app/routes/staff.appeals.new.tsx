// Resource mobilization and admins: write a new appeal draft (issue #15 item 2).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { buildComposerPage, handleComposerForm } from '~/appeals/appeal-composer-page.server.ts';
import { AppealDraftForm } from '~/appeals/appeal-draft-form.tsx';
import { APPEALS_ROLES } from '~/appeals/segment-pages.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, APPEALS_ROLES);
  const page = await buildComposerPage({ locale: resolveLocale(request).locale });
  if (!page) throw new Response('Not found', { status: 404 });
  return data(page);
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, APPEALS_ROLES);
  const outcome = await handleComposerForm({ form: await request.formData(), staff, locale: resolveLocale(request).locale });
  if (outcome.kind === 'saved') return redirect(`/staff/appeals/${outcome.id}?saved=1`);
  return data(outcome, { status: 400 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function NewAppeal() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation(['staff-appeals', 'staff-appeal-composer']);
  return (
    <section className="staff-appeals stack" aria-labelledby="appeal-title">
      <p>
        <Link to="/staff/appeals">{t('back')}</Link>
      </p>
      <h1 id="appeal-title">{page.title}</h1>
      <p>{t('staff-appeal-composer:intro')}</p>
      <AppealDraftForm
        options={page.options}
        defaultValue={page.defaultValue}
        lastResult={result?.kind === 'invalid' ? result.result : undefined}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
