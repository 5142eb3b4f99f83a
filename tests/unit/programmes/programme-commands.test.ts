// Programme officers' commands: each writes one audited transaction, refused input changes
// nothing, requirements and regular-budget entries move the public figures in the same commit,
// and corrections of regular budget are reversing entries (the ledger check runs after the file).
import { beforeAll, describe, expect, it } from 'vitest';
import { getFundingFigures } from '~/ledger/funding-figure-queries.server.ts';
import { getProjectFunding } from '~/funding/funding-report-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { EditRefusedError } from '~/programmes/edit-errors.ts';
import { addImpactUpdate, addIndicatorValue, createIndicator, updateIndicator } from '~/programmes/impact-commands.server.ts';
import {
  correctRegularBudget,
  createProgramme,
  createProject,
  recordRegularBudget,
  setProjectRequirement,
  updateProgramme,
  updateProject,
} from '~/programmes/programme-commands.server.ts';
import {
  indicatorSchema,
  programmeSchema,
  projectSchema,
  regularBudgetSchema,
  requirementSchema,
} from '~/programmes/programme-editor-schemas.ts';

const db = getPrisma();
const YEAR = 2031; // a fixed year: nothing here depends on today's date
let actorId: string;

const programmeInput = programmeSchema.parse({
  slug: 'maritime-crime',
  code: 'gmcp',
  title: { en: 'Global Maritime Crime Programme', fr: 'Programme mondial contre la criminalité maritime', ar: 'البرنامج العالمي' },
  mandate: { en: 'Piracy and *maritime* crime.' },
  sortOrder: '9',
});

const projectFields = (programmeId: string, overrides: Record<string, unknown> = {}) => ({
  code: 'gmcx01',
  programmeId,
  title: { en: 'Coast guard training', es: 'Formación de guardacostas' },
  description: { en: 'Training for coast guards in West Africa.' },
  countryCode: 'gh',
  regionCode: '011',
  sectorCode: '15210',
  status: 'IMPLEMENTATION',
  startDate: `${YEAR}-01-01`,
  endDate: `${YEAR + 2}-12-31`,
  ...overrides,
});

async function refused(work: () => Promise<unknown>): Promise<EditRefusedError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof EditRefusedError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

beforeAll(async () => {
  actorId = (await db.staffUser.create({ data: { email: 'officer@example.org', name: 'Officer', roles: ['PROGRAMME_OFFICER'] } })).id;
});

describe('schemas', () => {
  it('require English, keep the other languages given, and refuse bad codes, places and dates', () => {
    expect(programmeInput.code).toBe('GMCP');
    expect(programmeInput.title).toEqual({ en: 'Global Maritime Crime Programme', fr: expect.any(String), ar: 'البرنامج العالمي' });
    const noEnglish = programmeSchema.safeParse({ ...programmeInput, title: { fr: 'Seulement' } });
    expect(noEnglish.success).toBe(false);
    const bad = projectSchema.safeParse(
      projectFields('00000000-0000-4000-8000-000000000000', { countryCode: 'XX', regionCode: '999', endDate: `${YEAR - 1}-01-01` }),
    );
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((issue) => `${issue.path.join('.')}:${issue.message}`) ?? [];
    expect(messages).toEqual(expect.arrayContaining(['countryCode:errors.country', 'regionCode:errors.region']));
    expect(requirementSchema.safeParse({ year: String(YEAR), amount: '-5' }).success).toBe(false);
    expect(requirementSchema.parse({ year: String(YEAR), amount: '1,250,000.50' }).amount).toBe(125_000_050n);
    expect(regularBudgetSchema.safeParse({ year: String(YEAR), amount: '0' }).success).toBe(false);
    expect(indicatorSchema.safeParse({ code: 'I1', name: { en: 'x' }, unit: 'people', baseline: '1e5', target: '3' }).success).toBe(false);
  });
});

describe('programmes and projects', () => {
  it('create and edit with an audit entry holding before and after; taken codes are refused and change nothing', async () => {
    const programme = await createProgramme({ actorId, input: programmeInput });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'programme.create', entityId: programme.id } });
    expect(audit).toMatchObject({ actorId, actorKind: 'staff', before: null });
    expect(audit.after).toMatchObject({ slug: 'maritime-crime', code: 'GMCP' });

    const clash = await refused(() => createProgramme({ actorId, input: { ...programmeInput, slug: 'other-slug' } }));
    expect(clash).toMatchObject({ message: 'errors.codeTaken', field: 'code' });
    expect(await db.programme.count({ where: { slug: 'other-slug' } })).toBe(0);

    await updateProgramme({ actorId, programmeId: programme.id, input: { ...programmeInput, title: { en: 'Maritime Crime' } } });
    const edit = await db.auditLog.findFirstOrThrow({ where: { action: 'programme.update', entityId: programme.id } });
    expect(edit.before).toMatchObject({ title: { en: 'Global Maritime Crime Programme' } });
    expect(edit.after).toMatchObject({ title: { en: 'Maritime Crime' } });

    const project = await createProject({ actorId, input: projectSchema.parse(projectFields(programme.id)) });
    expect(project).toMatchObject({ code: 'GMCX01', countryCode: 'GH', status: 'IMPLEMENTATION' });
    const again = await refused(() => createProject({ actorId, input: projectSchema.parse(projectFields(programme.id)) }));
    expect(again.field).toBe('code');
    expect(await db.project.count({ where: { code: 'GMCX01' } })).toBe(1);

    await updateProject({
      actorId,
      projectId: project.id,
      input: projectSchema.parse(projectFields(programme.id, { status: 'FINALISATION', countryCode: '' })),
    });
    const projectAudit = await db.auditLog.findFirstOrThrow({ where: { action: 'project.update', entityId: project.id } });
    expect(projectAudit.before).toMatchObject({ status: 'IMPLEMENTATION', countryCode: 'GH' });
    expect(projectAudit.after).toMatchObject({ status: 'FINALISATION', countryCode: null });
  });

  it('a requirement moves the project gap in the same commit; a new amount for the year replaces it, audited', async () => {
    const project = await db.project.findUniqueOrThrow({ where: { code: 'GMCX01' } });
    const figures = async () => (await getProjectFunding({ code: 'GMCX01', fromYear: YEAR, toYear: YEAR }))!;
    await setProjectRequirement({
      actorId,
      projectId: project.id,
      input: requirementSchema.parse({ year: String(YEAR), amount: '250000' }),
    });
    expect(await figures()).toMatchObject({ requirementUsdMinor: 25_000_000, gapUsdMinor: 25_000_000, fundedUsdMinor: 0 });
    await setProjectRequirement({
      actorId,
      projectId: project.id,
      input: requirementSchema.parse({ year: String(YEAR), amount: '300000.25' }),
    });
    expect(await figures()).toMatchObject({ requirementUsdMinor: 30_000_025, gapUsdMinor: 30_000_025 });
    const entries = await db.auditLog.findMany({ where: { entityType: 'ProjectRequirement' }, orderBy: { id: 'asc' } });
    expect(entries.map((entry) => entry.action)).toEqual(['requirement.create', 'requirement.update']);
    expect(entries[1]?.before).toMatchObject({ usdMinor: '25000000' });
    expect(entries[1]?.after).toMatchObject({ usdMinor: '30000025' });
  });

  it('regular budget is append-only: a correction is a negative entry, and cannot take back more than is unallocated', async () => {
    const programme = await db.programme.findUniqueOrThrow({ where: { slug: 'maritime-crime' } });
    const pool = async () => (await getFundingFigures({ programmeId: programme.id, fromYear: YEAR, toYear: YEAR })).unallocatedUsdMinor;
    const entry = await recordRegularBudget({
      actorId,
      programmeId: programme.id,
      input: regularBudgetSchema.parse({ year: String(YEAR), amount: '80000', note: 'Section 21' }),
    });
    expect(await pool()).toBe(8_000_000);

    const tooMuch = await refused(() =>
      correctRegularBudget({ actorId, input: { entryId: entry.id, amount: 8_000_001n, reason: 'typo' } }),
    );
    expect(tooMuch).toMatchObject({ field: 'amount', message: 'errors.exceedsUnallocated' });
    expect(await db.regularBudgetEntry.count({ where: { programmeId: programme.id } })).toBe(1);

    const correction = await correctRegularBudget({ actorId, input: { entryId: entry.id, amount: 3_000_000n, reason: 'typo' } });
    expect(correction).toMatchObject({ usdMinor: -3_000_000n, year: YEAR, programmeId: programme.id });
    expect((await db.regularBudgetEntry.findUniqueOrThrow({ where: { id: entry.id } })).usdMinor).toBe(8_000_000n);
    expect(await pool()).toBe(5_000_000);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'regular-budget.correct', entityId: correction.id } });
    expect(audit.before).toMatchObject({ id: entry.id, usdMinor: '8000000' });
    expect(audit.after).toMatchObject({ usdMinor: '-3000000' });
    const notAnEntry = await refused(() => correctRegularBudget({ actorId, input: { entryId: correction.id, amount: 1n, reason: 'x' } }));
    expect(notAnEntry.field).toBe('entryId');
  });
});

describe('moving a project', () => {
  it('to another programme rebuilds the summaries in the same commit (the ledger check after this file agrees)', async () => {
    const project = await db.project.findUniqueOrThrow({ where: { code: 'GMCX01' } });
    const other = await createProgramme({ actorId, input: { ...programmeInput, slug: 'other-programme', code: 'OTHR' } });
    await updateProject({ actorId, projectId: project.id, input: projectSchema.parse(projectFields(other.id)) });
    const figures = await getFundingFigures({ programmeId: other.id, fromYear: YEAR, toYear: YEAR });
    expect(figures.requirementUsdMinor).toBe(30_000_025);
    await updateProject({ actorId, projectId: project.id, input: projectSchema.parse(projectFields(project.programmeId)) });
  });
});

describe('impact updates and indicators', () => {
  it('records updates, indicators and dated values with audit entries; values of another project are refused', async () => {
    const project = await db.project.findUniqueOrThrow({ where: { code: 'GMCX01' } });
    const update = await addImpactUpdate({
      actorId,
      projectId: project.id,
      input: { title: { en: 'First patrols' }, body: { en: 'Patrols **began**.' }, publishedOn: `${YEAR}-06-30` },
    });
    const indicator = await createIndicator({
      actorId,
      projectId: project.id,
      input: indicatorSchema.parse({ code: 'OFF-1', name: { en: 'Officers trained' }, unit: 'people', baseline: '120', target: '300' }),
    });
    const dup = await refused(() =>
      createIndicator({
        actorId,
        projectId: project.id,
        input: indicatorSchema.parse({ code: 'OFF-1', name: { en: 'x' }, unit: 'people', baseline: '0', target: '1' }),
      }),
    );
    expect(dup.field).toBe('code');
    await updateIndicator({
      actorId,
      indicatorId: indicator.id,
      input: {
        ...indicatorSchema.parse({ code: 'OFF-1', name: { en: 'Officers trained' }, unit: 'people', baseline: '120', target: '320' }),
      },
    });
    const value = await addIndicatorValue({
      actorId,
      projectId: project.id,
      input: { indicatorId: indicator.id, measuredOn: `${YEAR}-06-30`, value: '185', impactUpdateId: update.id },
    });
    expect(value.value.toFixed()).toBe('185');

    const other = await db.project.create({
      data: {
        ...projectSchema.parse(projectFields(project.programmeId, { code: 'GMCX02' })),
        countryCode: null,
        startDate: new Date(Date.UTC(YEAR, 0, 1)),
        endDate: new Date(Date.UTC(YEAR, 11, 31)),
      },
    });
    const wrong = await refused(() =>
      addIndicatorValue({ actorId, projectId: other.id, input: { indicatorId: indicator.id, measuredOn: `${YEAR}-07-01`, value: '1' } }),
    );
    expect(wrong.field).toBe('indicatorId');
    expect(await db.indicatorValue.count({ where: { indicatorId: indicator.id } })).toBe(1);

    const actions = (await db.auditLog.findMany({ where: { actorId }, select: { action: true } })).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining(['impact-update.create', 'indicator.create', 'indicator.update', 'indicator-value.create']),
    );
    const indicatorAudit = await db.auditLog.findFirstOrThrow({ where: { action: 'indicator.update', entityId: indicator.id } });
    expect(indicatorAudit.before).toMatchObject({ target: '300' });
    expect(indicatorAudit.after).toMatchObject({ target: '320' });
  });
});
