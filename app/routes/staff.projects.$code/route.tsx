// One project for programme officers: its details (six languages), requirements by year, impact
// updates, result indicators and their dated values. One action, an `intent` per form; each
// change is one audited command and shows on /projects/:code and in IATI at once (decision 028).
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AuthErrorPage } from '~/staff/auth-error-page.tsx';
import { requireRole } from '~/staff/auth.server.ts';
import { runEdit } from '~/programmes/editor-action.server.ts';
import {
  addImpactUpdate,
  addIndicatorValue,
  createIndicator,
  editImpactUpdate,
  updateIndicator,
} from '~/programmes/impact-commands.server.ts';
import { setProjectRequirement, updateProject } from '~/programmes/programme-commands.server.ts';
import {
  impactUpdateSchema,
  indicatorSchema,
  indicatorValueSchema,
  projectSchema,
  requirementSchema,
} from '~/programmes/programme-editor-schemas.ts';
import { getProjectForEditing, listProgrammesForEditing } from '~/programmes/programme-editor-queries.server.ts';
import { ProjectForm } from '~/programmes/project-form.tsx';
import { getEditorPhoto } from '~/programmes/photos/photo-editor.server.ts';
import { PhotoSection } from '~/programmes/photos/photo-form.tsx';
import { formatDate } from '~/platform/format.ts';
import { getT, resolveLocale } from '~/platform/i18n.server.ts';
import { pickText } from '~/platform/i18n.ts';
import { formatUsd } from '~/platform/money.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { ProjectResults } from './project-results.tsx';
import { ImpactUpdateForm, IndicatorForm, IndicatorValueForm, RequirementForm } from './result-forms.tsx';

async function findProject(code: string | undefined) {
  const project = code ? await getProjectForEditing({ code }) : null;
  if (!project) throw new Response('Not Found', { status: 404 });
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ['PROGRAMME_OFFICER']);
  const { locale } = resolveLocale(request);
  const t = getT(locale, ['programme-editor', 'common']);
  const [project, programmes, photo] = await Promise.all([
    findProject(params.code),
    listProgrammesForEditing(),
    getEditorPhoto({ code: params.code ?? '', locale }),
  ]);
  const number = (value: string) => Number(value).toLocaleString(locale, { maximumFractionDigits: 4 });
  return data({
    title: t('common:meta.title', { page: t('project.title', { code: project.code }), site: t('common:site.name') }),
    heading: `${project.code} — ${pickText(project.title, locale)}`,
    saved: new URL(request.url).searchParams.has('saved'),
    code: project.code,
    photo,
    programmes: programmes.map((programme) => ({ id: programme.id, label: `${programme.code} — ${pickText(programme.title, locale)}` })),
    form: {
      code: project.code,
      programmeId: project.programmeId,
      title: project.title,
      description: project.description,
      countryCode: project.countryCode ?? '',
      regionCode: project.regionCode,
      sectorCode: project.sectorCode,
      status: project.status,
      startDate: project.startDate,
      endDate: project.endDate,
    },
    requirements: project.requirements.map((row) => ({ year: row.year, amount: formatUsd(row.usdMinor, locale) })),
    updates: project.updates.map((update) => ({
      id: update.id,
      title: pickText(update.title, locale),
      body: pickText(update.body, locale),
      date: formatDate(update.publishedOn, locale),
      label: `${update.publishedOn} — ${pickText(update.title, locale)}`,
      form: { publishedOn: update.publishedOn, title: update.title, body: update.body },
    })),
    indicators: project.indicators.map((indicator) => ({
      id: indicator.id,
      code: indicator.code,
      name: pickText(indicator.name, locale),
      unit: indicator.unit,
      baseline: number(indicator.baseline),
      target: number(indicator.target),
      latest: indicator.values[0]
        ? `${number(indicator.values[0].value)} (${formatDate(indicator.values[0].measuredOn, locale)})`
        : t('indicators.notMeasured'),
      label: `${indicator.code} — ${pickText(indicator.name, locale)}`,
      form: { code: indicator.code, name: indicator.name, unit: indicator.unit, baseline: indicator.baseline, target: indicator.target },
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const officer = await requireRole(request, ['PROGRAMME_OFFICER']);
  const project = await findProject(params.code);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const actorId = officer.id;
  const projectId = project.id;
  let outcome;
  if (intent === 'update-project')
    outcome = await runEdit(intent, formData, projectSchema, (input) => updateProject({ actorId, projectId, input }));
  else if (intent === 'set-requirement')
    outcome = await runEdit(intent, formData, requirementSchema, (input) => setProjectRequirement({ actorId, projectId, input }));
  else if (intent === 'add-update')
    outcome = await runEdit(intent, formData, impactUpdateSchema, (input) => addImpactUpdate({ actorId, projectId, input }));
  else if (intent === 'add-indicator')
    outcome = await runEdit(intent, formData, indicatorSchema, (input) => createIndicator({ actorId, projectId, input }));
  else if (intent === 'edit-update') {
    // Only this project's updates: the id comes from the form.
    const updateId = String(formData.get('updateId') ?? '');
    if (!project.updates.some((update) => update.id === updateId)) throw new Response('Not Found', { status: 404 });
    outcome = await runEdit(`edit-update-${updateId}`, formData, impactUpdateSchema, (input) =>
      editImpactUpdate({ actorId, updateId, input }),
    );
  } else if (intent === 'edit-indicator') {
    const indicatorId = String(formData.get('indicatorId') ?? '');
    if (!project.indicators.some((indicator) => indicator.id === indicatorId)) throw new Response('Not Found', { status: 404 });
    outcome = await runEdit(`edit-indicator-${indicatorId}`, formData, indicatorSchema, (input) =>
      updateIndicator({ actorId, indicatorId, input }),
    );
  } else if (intent === 'add-value')
    outcome = await runEdit(intent, formData, indicatorValueSchema, (input) => addIndicatorValue({ actorId, projectId, input }));
  else throw new Response('Bad Request', { status: 400 });
  if (!outcome.ok) return data({ ok: false as const, intent: outcome.intent, result: outcome.result }, { status: 400 });
  const code = intent === 'update-project' ? (formData.get('code')?.toString().trim().toUpperCase() ?? project.code) : project.code;
  return redirect(`/staff/projects/${encodeURIComponent(code)}?saved=1`);
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

export default function StaffProject() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('programme-editor');
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <section className="staff-project" aria-labelledby="project-title">
      <p className="breadcrumb">
        <Link to="/staff/programmes">{t('nav.back')}</Link>
      </p>
      <h1 id="project-title">{page.heading}</h1>
      {page.saved ? <p role="status">{t('saved')}</p> : null}
      <p>
        <Link to={`/projects/${page.code}`}>{t('project.publicLink')}</Link>
      </p>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('project.detailsHeading')}</h2>
        <ProjectForm
          id="project"
          intent="update-project"
          defaultValue={page.form}
          lastResult={resultFor('update-project')}
          submitLabel={t('save')}
          programmes={page.programmes}
        />
      </section>

      <PhotoSection code={page.code} photo={page.photo} saveResult={undefined} removeResult={undefined} />

      <ProjectResults
        requirements={page.requirements}
        updates={page.updates}
        indicators={page.indicators}
        editUpdate={(update) => (
          <ImpactUpdateForm lastResult={resultFor(`edit-update-${update.id}`)} editing={{ id: update.id, defaultValue: update.form }} />
        )}
        editIndicator={(indicator) => (
          <IndicatorForm
            lastResult={resultFor(`edit-indicator-${indicator.id}`)}
            editing={{ id: indicator.id, defaultValue: indicator.form }}
          />
        )}
      >
        {{
          requirement: <RequirementForm lastResult={resultFor('set-requirement')} />,
          update: <ImpactUpdateForm lastResult={resultFor('add-update')} />,
          indicator: <IndicatorForm lastResult={resultFor('add-indicator')} />,
          value: page.indicators.length ? (
            <IndicatorValueForm lastResult={resultFor('add-value')} indicators={page.indicators} updates={page.updates} />
          ) : null,
        }}
      </ProjectResults>
    </section>
  );
}

export function ErrorBoundary() {
  return <AuthErrorPage error={useRouteError()} />;
}
