// Finance and admins allocate pool money to projects (decision 025); programme officers may look.
// The pools' balances, each project's gap beside its pools, the form, and past decisions with
// the part each donor's gift gave.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { hasRole, requireRole } from '~/staff/auth.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { formatUsd } from '~/platform/money.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { buildAllocationPage } from '~/finance/allocation/allocation-page.server.ts';
import { allocateFromForm } from '~/finance/allocation/allocation-commands.server.ts';
import { allocationSchema } from '~/finance/allocation/allocation-schema.ts';

const ALLOCATORS = ['FINANCE', 'ADMIN'] as const;

function yearOf(request: Request): number {
  const asked = Number(new URL(request.url).searchParams.get('year'));
  return Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getUTCFullYear();
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, [...ALLOCATORS, 'PROGRAMME_OFFICER']);
  const page = await buildAllocationPage({
    locale: resolveLocale(request).locale,
    year: yearOf(request),
    canAllocate: hasRole(user, ALLOCATORS),
  });
  return data({ ...page, allocated: new URL(request.url).searchParams.get('allocated') });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const user = await requireRole(request, ALLOCATORS);
  const submission = parseWithZod(await request.formData(), { schema: allocationSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), available: null }, { status: 400 });
  const outcome = await allocateFromForm({ staffUserId: user.id, form: submission.value });
  if (outcome.status === 'refused') {
    const available = outcome.availableUsdMinor === undefined ? null : formatUsd(outcome.availableUsdMinor, resolveLocale(request).locale);
    return data({ result: submission.reply({ formErrors: [outcome.errorKey] }), available }, { status: 400 });
  }
  const params = new URLSearchParams({ year: String(submission.value.year), allocated: outcome.poolAllocationId });
  return redirect(`/staff/finance/allocations?${params.toString()}`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function FinanceAllocations() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation('allocation');
  return (
    <section className="finance-allocations" aria-labelledby="allocations-title">
      <h1 id="allocations-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {page.allocated ? <p role="status">{t('allocated')}</p> : null}
      <PoolsTable pools={page.pools} />
      <GapsTable projects={page.projects} year={page.year} generalPurpose={page.generalPurpose} />
      {page.canAllocate ? <AllocationForm page={page} /> : <p>{t('form.viewOnly')}</p>}
      <Decisions decisions={page.decisions} />
    </section>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function PoolsTable({ pools }: { pools: Page['pools'] }) {
  const { t } = useTranslation('allocation');
  if (pools.length === 0) return <p>{t('pools.empty')}</p>;
  return (
    <TableScroll label={t('pools.caption')}>
      <table className="data-table data-table--figures">
        <caption>{t('pools.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pools.columns.pool')}</th>
            <th scope="col" className="numeric">
              {t('pools.columns.balance')}
            </th>
            <th scope="col" className="numeric">
              {t('pools.columns.origins')}
            </th>
          </tr>
        </thead>
        <tbody>
          {pools.map((pool) => (
            <tr key={pool.choice}>
              <th scope="row">{pool.label}</th>
              <td className="numeric">{pool.balance}</td>
              <td className="numeric">{pool.origins}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function GapsTable({ projects, year, generalPurpose }: { projects: Page['projects']; year: number; generalPurpose: string }) {
  const { t } = useTranslation('allocation');
  return (
    <>
      <h2>{t('gaps.heading', { year })}</h2>
      <Form method="get" className="inline-form">
        <label htmlFor="gaps-year">{t('gaps.yearLabel')}</label>
        <input id="gaps-year" name="year" type="number" min={2000} max={2100} defaultValue={year} />
        <button type="submit" className="button button--secondary">
          {t('gaps.show')}
        </button>
      </Form>
      <p>{t('gaps.generalPurpose', { amount: generalPurpose })}</p>
      {projects.length === 0 ? (
        <p>{t('gaps.empty')}</p>
      ) : (
        <TableScroll label={t('gaps.caption', { year })}>
          <table className="data-table data-table--figures">
            <caption>{t('gaps.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gaps.columns.project')}</th>
                <th scope="col">{t('gaps.columns.programme')}</th>
                <th scope="col" className="numeric">
                  {t('gaps.columns.requirement')}
                </th>
                <th scope="col" className="numeric">
                  {t('gaps.columns.funded')}
                </th>
                <th scope="col" className="numeric">
                  {t('gaps.columns.gap')}
                </th>
                <th scope="col" className="numeric">
                  {t('gaps.columns.programmePool')}
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id}>
                  <th scope="row">{project.label}</th>
                  <td>{project.programme}</td>
                  <td className="numeric">{project.requirement}</td>
                  <td className="numeric">{project.funded}</td>
                  <td className="numeric">{project.gap}</td>
                  <td className="numeric">{project.programmePool}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function AllocationForm({ page }: { page: Page }) {
  const { t } = useTranslation('allocation');
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: 'allocate',
    lastResult: actionData?.result,
    constraint: getZodConstraint(allocationSchema),
    shouldValidate: 'onBlur',
    defaultValue: { year: String(page.year) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: allocationSchema }),
  });
  const fieldError = (errors: string[] | undefined, id: string) =>
    errors?.length ? (
      <p id={id} className="field__error">
        {t(errors[0] ?? '')}
      </p>
    ) : null;
  const { key: poolKey, ...poolProps } = getSelectProps(fields.pool);
  const { key: projectKey, ...projectProps } = getSelectProps(fields.projectId);
  const { key: yearKey, ...yearProps } = getSelectProps(fields.year);
  const { key: amountKey, ...amountProps } = getInputProps(fields.amount, { type: 'text' });
  const { key: noteKey, ...noteProps } = getTextareaProps(fields.note);
  return (
    <>
      <h2 id="allocate-heading">{t('form.heading')}</h2>
      <p>{t('form.rule')}</p>
      <Form method="post" className="staff-form" aria-labelledby="allocate-heading" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error, { available: actionData?.available ?? '' })}</p>
            ))}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={fields.pool.id}>{t('form.pool')}</label>
          <select key={poolKey} {...poolProps}>
            <option value="">{t('form.choose')}</option>
            {page.pools.map((pool) => (
              <option key={pool.choice} value={pool.choice}>
                {t('form.poolOption', { pool: pool.label, balance: pool.balance })}
              </option>
            ))}
          </select>
          {fieldError(fields.pool.errors, fields.pool.errorId)}
        </div>
        <div className="field">
          <label htmlFor={fields.projectId.id}>{t('form.project')}</label>
          <select key={projectKey} {...projectProps}>
            <option value="">{t('form.choose')}</option>
            {page.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {t('form.projectOption', { project: project.label, gap: project.gap })}
              </option>
            ))}
          </select>
          {fieldError(fields.projectId.errors, fields.projectId.errorId)}
        </div>
        <div className="field">
          <label htmlFor={fields.year.id}>{t('form.year')}</label>
          <select key={yearKey} {...yearProps}>
            {page.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
          {fieldError(fields.year.errors, fields.year.errorId)}
        </div>
        <div className="field">
          <label htmlFor={fields.amount.id}>{t('form.amount')}</label>
          <input key={amountKey} {...amountProps} inputMode="decimal" autoComplete="off" />
          {fieldError(fields.amount.errors, fields.amount.errorId)}
        </div>
        <div className="field">
          <label htmlFor={fields.note.id}>{t('form.note')}</label>
          <textarea key={noteKey} {...noteProps} rows={2} />
          {fieldError(fields.note.errors, fields.note.errorId)}
        </div>
        <button type="submit" className="button">
          {t('form.submit')}
        </button>
      </Form>
    </>
  );
}

function Decisions({ decisions }: { decisions: Page['decisions'] }) {
  const { t } = useTranslation('allocation');
  return (
    <>
      <h2>{t('decisions.heading')}</h2>
      {decisions.length === 0 ? <p>{t('decisions.empty')}</p> : null}
      {decisions.map((decision) => (
        <details key={decision.id} className="allocation-decision">
          <summary>
            {t('decisions.summary', {
              date: decision.decidedOn,
              amount: decision.amount,
              pool: decision.pool,
              project: decision.project,
              year: decision.year,
              by: decision.by,
            })}
          </summary>
          {decision.note ? <p>{decision.note}</p> : null}
          <TableScroll label={t('decisions.caption', { project: decision.project })}>
            <table className="data-table data-table--figures">
              <caption>{t('decisions.caption', { project: decision.project })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('decisions.columns.donor')}</th>
                  <th scope="col">{t('decisions.columns.origin')}</th>
                  <th scope="col">{t('decisions.columns.receivedOn')}</th>
                  <th scope="col" className="numeric">
                    {t('decisions.columns.part')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('decisions.columns.reversed')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {decision.parts.map((part) => (
                  <tr key={part.key}>
                    <th scope="row">{part.donor}</th>
                    <td>{part.origin}</td>
                    <td>{part.receivedOn}</td>
                    <td className="numeric">{part.part}</td>
                    <td className="numeric">{part.reversed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
