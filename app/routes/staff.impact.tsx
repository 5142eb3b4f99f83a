// Resource mobilization and admins: the impact report schedule (issue #13 item 4) — the coming
// run, a form to run a quarter by hand (audited), the runs with their progress and their emails'
// (the page polls while one is under way or still sending) and the preview of any donor's report in a sandboxed frame, whose
// document is staff.impact.preview.ts.
import { useEffect } from 'react';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useRevalidator, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { triggerRunFromForm } from '~/impact/impact-trigger-actions.server.ts';
import { buildImpactStaffPage } from '~/impact/impact-staff-page.server.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { TableScroll } from '~/ui/table-scroll.tsx';

const ROLES = ['RESOURCE_MOBILIZATION', 'ADMIN'] as const;
const REFRESH_MS = 3000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ROLES);
  const locale = resolveLocale(request).locale;
  const url = new URL(request.url);
  const page = await buildImpactStaffPage({
    locale,
    previewQuery: (url.searchParams.get('donor') ?? '').slice(0, 320),
    previewQuarter: url.searchParams.get('quarter') ?? '',
  });
  const notice = url.searchParams.has('started') ? getT(locale, 'staff-impact')('trigger.started') : null;
  return data({ ...page, notice });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const staff = await requireRole(request, ROLES);
  const form = Object.fromEntries(await request.formData());
  const outcome = await triggerRunFromForm({ form, staffUserId: staff.id, locale: resolveLocale(request).locale });
  if (!outcome.ok) return data({ error: outcome.error }, { status: 400 });
  return redirect(`/staff/impact?started=${outcome.runId}`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

/** While a run is under way the page reloads its data every few seconds. */
function usePolling(isRunning: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!isRunning || revalidator.state !== 'idle') return;
    const timer = setTimeout(() => revalidator.revalidate(), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [isRunning, revalidator]);
}

export default function StaffImpact() {
  const { next, suggestedPeriod, isRunning, runs, previewQuery, previewQuarter, preview, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation('staff-impact');
  usePolling(isRunning);
  return (
    <section className="staff-impact stack" aria-labelledby="impact-title">
      <h1 id="impact-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {notice ? <p role="status">{notice}</p> : null}

      <h2>{t('next.heading')}</h2>
      <p>{next.text}</p>
      <TableScroll label={t('next.caption')}>
        <table className="data-table">
          <caption>{t('next.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('next.frequency')}</th>
              <th scope="col" className="numeric">
                {t('next.donors')}
              </th>
              <th scope="col">{t('next.period')}</th>
            </tr>
          </thead>
          <tbody>
            {next.frequencies.map((row) => (
              <tr key={row.frequency}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{row.donors}</td>
                <td dir="ltr">{row.period}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="trigger-heading">{t('trigger.heading')}</h2>
      <Form method="post" aria-labelledby="trigger-heading" className="stack">
        <input type="hidden" name="intent" value="trigger" />
        <p>
          <label htmlFor="trigger-period">{t('trigger.period')}</label>{' '}
          <input
            id="trigger-period"
            name="period"
            required
            pattern="\d{4}-Q[1-4]"
            defaultValue={suggestedPeriod}
            dir="ltr"
            aria-describedby="trigger-hint"
            aria-invalid={result?.error ? true : undefined}
          />
        </p>
        <p id="trigger-hint">{t('trigger.hint')}</p>
        {result?.error ? <p role="alert">{result.error}</p> : null}
        <button type="submit" className="button">
          {t('trigger.submit')}
        </button>
      </Form>

      <h2>{t('runs.heading')}</h2>
      {runs.length === 0 ? (
        <p>{t('runs.empty')}</p>
      ) : (
        <TableScroll label={t('runs.caption')}>
          <table className="data-table" aria-live="polite">
            <caption>{t('runs.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('runs.period')}</th>
                <th scope="col">{t('runs.trigger')}</th>
                <th scope="col">{t('runs.started')}</th>
                <th scope="col">{t('runs.state')}</th>
                <th scope="col" className="numeric">
                  {t('runs.donors')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.queued')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.skipped')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.sent')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.failed')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.rate')}
                </th>
                <th scope="col" className="numeric">
                  {t('runs.sendRate')}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id}>
                  <th scope="row" dir="ltr">
                    {run.period}
                  </th>
                  <td>{run.trigger}</td>
                  <td>{run.startedAt}</td>
                  <td>
                    {run.state}
                    {run.error ? <span role="note"> — {t('runs.error', { error: run.error })}</span> : null}
                  </td>
                  <td className="numeric">{run.donors}</td>
                  <td className="numeric">{run.queued}</td>
                  <td className="numeric">{run.skipped}</td>
                  <td className="numeric">{run.sent}</td>
                  <td className="numeric">{run.failed}</td>
                  <td className="numeric">{run.rate}</td>
                  <td className="numeric">{run.sendRate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2 id="preview-heading">{t('preview.title')}</h2>
      <Form method="get" aria-labelledby="preview-heading" className="stack">
        <p>
          <label htmlFor="preview-donor">{t('preview.donor')}</label>{' '}
          <input id="preview-donor" name="donor" type="search" required defaultValue={previewQuery} dir="ltr" />
        </p>
        <p>
          <label htmlFor="preview-quarter">{t('preview.quarter')}</label>{' '}
          <input id="preview-quarter" name="quarter" pattern="\d{4}-Q[1-4]" defaultValue={previewQuarter} dir="ltr" />
        </p>
        <button type="submit" className="button button--secondary">
          {t('preview.submit')}
        </button>
      </Form>
      {preview.state === 'not-found' || preview.state === 'nothing' ? <p role="status">{preview.message}</p> : null}
      {preview.state === 'report' ? (
        <>
          <h3>{preview.heading}</h3>
          <p>{t('preview.subject', { subject: preview.subject })}</p>
          {/* sandbox="": no scripts, no same-origin access, no navigation of this page. */}
          <iframe title={preview.heading} src={preview.src} sandbox="" className="email-preview" width="100%" height="900" />
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
