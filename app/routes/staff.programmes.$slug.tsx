// One programme for programme officers: its details in six languages, and its regular budget:
// entries are money facts, so the page records new ones and corrections (reversing entries),
// never edits (decision 028). One action, an `intent` per form.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '~/ui/table-scroll.tsx';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { EditRefusedError } from '~/programmes/edit-errors.ts';
import { runEdit } from '~/programmes/editor-action.server.ts';
import { correctRegularBudget, recordRegularBudget, updateProgramme } from '~/programmes/programme-commands.server.ts';
import { programmeSchema, regularBudgetCorrectionSchema, regularBudgetSchema } from '~/programmes/programme-editor-schemas.ts';
import { getProgrammeForEditing } from '~/programmes/programme-editor-queries.server.ts';
import { ProgrammeForm } from '~/programmes/programme-form.tsx';
import { RegularBudgetForms } from '~/programmes/regular-budget-forms.tsx';
import { formatDate } from '~/platform/format.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { formatUsd } from '~/platform/money.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

async function findProgramme(slug: string | undefined) {
  const programme = slug ? await getProgrammeForEditing({ slug }) : null;
  if (!programme) throw new Response('Not Found', { status: 404 });
  return programme;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'common']);
  const programme = await findProgramme(params.slug);
  return data({
    title: t('common:meta.title', { page: t('programme.title', { code: programme.code }), site: t('common:site.name') }),
    heading: `${programme.code} — ${pickText(programme.title, locale)}`,
    saved: new URL(request.url).searchParams.has('saved'),
    programme: {
      slug: programme.slug,
      code: programme.code,
      title: programme.title,
      mandate: programme.mandate,
      sortOrder: String(programme.sortOrder),
    },
    entries: programme.regularBudget.map((entry) => ({
      id: entry.id,
      year: entry.year,
      amount: formatUsd(entry.usdMinor, locale),
      allocated: formatUsd(entry.allocatedUsdMinor, locale),
      note: entry.note,
      recordedOn: formatDate(entry.recordedOn, locale),
      isCorrectable: entry.usdMinor > 0n,
      label: t('regularBudget.entryOption', {
        year: entry.year,
        amount: formatUsd(entry.usdMinor, locale),
        date: formatDate(entry.recordedOn, locale),
      }),
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const programme = await findProgramme(params.slug);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const outcome =
    intent === 'update-programme'
      ? await runEdit(intent, formData, programmeSchema, (input) =>
          updateProgramme({ actorId: officer.id, programmeId: programme.id, input }),
        )
      : intent === 'record-regular-budget'
        ? await runEdit(intent, formData, regularBudgetSchema, (input) =>
            recordRegularBudget({ actorId: officer.id, programmeId: programme.id, input }),
          )
        : intent === 'correct-regular-budget'
          ? await runEdit(intent, formData, regularBudgetCorrectionSchema, async (input) => {
              // Only this programme's entries can be corrected from its page.
              if (!programme.regularBudget.some((entry) => entry.id === input.entryId && entry.usdMinor > 0n)) {
                throw new EditRefusedError('errors.entry', 'entryId');
              }
              return correctRegularBudget({ actorId: officer.id, input });
            })
          : null;
  if (!outcome) throw new Response('Bad Request', { status: 400 });
  if (!outcome.ok) return data(outcome, { status: 400 });
  const slug = intent === 'update-programme' && 'slug' in outcome.value ? outcome.value.slug : programme.slug;
  return redirect(`/staff/programmes/${slug}?saved=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffProgramme() {
  const { heading, saved, programme, entries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  const resultFor = (intent: string) => (actionData?.ok === false && actionData.intent === intent ? actionData.result : undefined);
  return (
    <section className="staff-programme" aria-labelledby="programme-title">
      <p className="breadcrumb">
        <Link to="/staff/programmes">{t('nav.back')}</Link>
      </p>
      <h1 id="programme-title">{heading}</h1>
      {saved ? <p role="status">{t('saved')}</p> : null}
      <p>
        <Link to={`/programmes/${programme.slug}`}>{t('programme.publicLink')}</Link>
      </p>
      <p>
        <Link to={`/staff/programmes/${programme.slug}/amounts`}>{t('amounts.link')}</Link>
      </p>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('programme.detailsHeading')}</h2>
        <ProgrammeForm
          id="programme"
          intent="update-programme"
          defaultValue={programme}
          lastResult={resultFor('update-programme')}
          submitLabel={t('save')}
        />
      </section>

      <section aria-labelledby="rb-title">
        <h2 id="rb-title">{t('regularBudget.heading')}</h2>
        <p>{t('regularBudget.intro')}</p>
        {entries.length === 0 ? (
          <p>{t('regularBudget.none')}</p>
        ) : (
          <TableScroll label={t('regularBudget.caption')}>
            <table className="data-table">
              <caption>{t('regularBudget.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.year')}</th>
                  <th scope="col" className="numeric">
                    {t('columns.amount')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('columns.allocated')}
                  </th>
                  <th scope="col">{t('columns.note')}</th>
                  <th scope="col">{t('columns.recordedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">{entry.year}</th>
                    <td className="numeric">{entry.amount}</td>
                    <td className="numeric">{entry.allocated}</td>
                    <td>{entry.note}</td>
                    <td>{entry.recordedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <RegularBudgetForms
          entries={entries.filter((entry) => entry.isCorrectable).map((entry) => ({ id: entry.id, label: entry.label }))}
          recordResult={resultFor('record-regular-budget')}
          correctResult={resultFor('correct-regular-budget')}
        />
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
