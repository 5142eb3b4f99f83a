// Programme officers' writes to programmes and projects (docs/decisions/028). Each command is one
// transaction: it checks what only the database knows (codes taken, rows that exist), writes,
// refreshes the summaries it touched (decision 009) and records the audit entry with the state
// before and after. After the commit this process drops its cached public data at once; the
// tables' triggers tell the other processes (decision 005).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { refreshFundingSummaries } from '~/ledger/summaries/summary-commands.server.ts';
import { correctRegularBudgetEntry, insertRegularBudgetEntry, RegularBudgetError } from '~/ledger/regular-budget-commands.server.ts';
import type { Prisma } from '~/generated/prisma/client.ts';
import { EditRefusedError } from './edit-errors.ts';
import type {
  ProgrammeInput,
  ProjectInput,
  RegularBudgetCorrectionInput,
  RegularBudgetInput,
  RequirementInput,
} from './programme-editor-schemas.ts';

type Tx = Prisma.TransactionClient;

/** Runs `work` in one transaction and drops this process's cached public data after the commit. */
export async function inEditTransaction<T>(work: (tx: Tx) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  const result = await getPrisma().$transaction(work, { timeout: options.timeout ?? 10_000, maxWait: 10_000 });
  invalidatePublicData();
  return result;
}

const audit = (tx: DbClient, actorId: string, action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
  recordAudit({ db: tx, actorId, actorKind: 'staff', action, entityType, entityId, before, after });

const programmeFields = { id: true, slug: true, code: true, title: true, mandate: true, sortOrder: true } as const;

async function assertProgrammeFree(tx: Tx, input: ProgrammeInput, exceptId?: string) {
  const taken = await tx.programme.findFirst({
    where: { OR: [{ slug: input.slug }, { code: input.code }], ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { slug: true },
  });
  if (taken)
    throw new EditRefusedError(
      taken.slug === input.slug ? 'errors.slugTaken' : 'errors.codeTaken',
      taken.slug === input.slug ? 'slug' : 'code',
    );
}

/** Creates a programme; its slug and code must be new. */
export async function createProgramme({ actorId, input }: { actorId: string; input: ProgrammeInput }) {
  return inEditTransaction(async (tx) => {
    await assertProgrammeFree(tx, input);
    const programme = await tx.programme.create({ data: input, select: programmeFields });
    await audit(tx, actorId, 'programme.create', 'Programme', programme.id, null, programme);
    return programme;
  });
}

/** Changes a programme's slug, code, texts or order. */
export async function updateProgramme({ actorId, programmeId, input }: { actorId: string; programmeId: string; input: ProgrammeInput }) {
  return inEditTransaction(async (tx) => {
    const before = await tx.programme.findUnique({ where: { id: programmeId }, select: programmeFields });
    if (!before) throw new EditRefusedError('errors.notFound');
    await assertProgrammeFree(tx, input, programmeId);
    const after = await tx.programme.update({ where: { id: programmeId }, data: input, select: programmeFields });
    await audit(tx, actorId, 'programme.update', 'Programme', programmeId, before, after);
    return after;
  });
}

const projectFields = {
  id: true,
  code: true,
  programmeId: true,
  title: true,
  description: true,
  countryCode: true,
  regionCode: true,
  sectorCode: true,
  status: true,
  startDate: true,
  endDate: true,
} as const;

function projectData(input: ProjectInput) {
  return {
    ...input,
    countryCode: input.countryCode ?? null,
    startDate: new Date(`${input.startDate}T00:00:00Z`),
    endDate: new Date(`${input.endDate}T00:00:00Z`),
  };
}

async function assertProgrammeExists(tx: Tx, programmeId: string) {
  if (!(await tx.programme.findUnique({ where: { id: programmeId }, select: { id: true } }))) {
    throw new EditRefusedError('errors.programmeRequired', 'programmeId');
  }
}

/** Creates a project under a programme; its code must be new. */
export async function createProject({ actorId, input }: { actorId: string; input: ProjectInput }) {
  return inEditTransaction(async (tx) => {
    await assertProgrammeExists(tx, input.programmeId);
    if (await tx.project.findUnique({ where: { code: input.code }, select: { id: true } })) {
      throw new EditRefusedError('errors.codeTaken', 'code');
    }
    const project = await tx.project.create({ data: projectData(input), select: projectFields });
    await audit(tx, actorId, 'project.create', 'Project', project.id, null, project);
    return project;
  });
}

/**
 * Changes a project. Moving it to another programme or country rebuilds every summary (decision
 * 009: the programme-level tables file its money under its programme; decision 062: the country
 * tables under its country), so that transaction may run long.
 */
export async function updateProject({ actorId, projectId, input }: { actorId: string; projectId: string; input: ProjectInput }) {
  const current = await getPrisma().project.findUnique({ where: { id: projectId }, select: { programmeId: true, countryCode: true } });
  const isMove = current !== null && (current.programmeId !== input.programmeId || current.countryCode !== (input.countryCode ?? null));
  return inEditTransaction(
    async (tx) => {
      const before = await tx.project.findUnique({ where: { id: projectId }, select: projectFields });
      if (!before) throw new EditRefusedError('errors.notFound');
      await assertProgrammeExists(tx, input.programmeId);
      if (await tx.project.findFirst({ where: { code: input.code, NOT: { id: projectId } }, select: { id: true } })) {
        throw new EditRefusedError('errors.codeTaken', 'code');
      }
      const after = await tx.project.update({ where: { id: projectId }, data: projectData(input), select: projectFields });
      if (before.programmeId !== after.programmeId || before.countryCode !== after.countryCode) {
        await refreshFundingSummaries({ db: tx });
      }
      await audit(tx, actorId, 'project.update', 'Project', projectId, before, after);
      return after;
    },
    { timeout: isMove ? 120_000 : undefined },
  );
}

/** Sets what a project needs in a year (USD minor units); the project's public figures follow in the same commit. */
export async function setProjectRequirement({
  actorId,
  projectId,
  input,
}: {
  actorId: string;
  projectId: string;
  input: RequirementInput;
}) {
  return inEditTransaction(async (tx) => {
    if (!(await tx.project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw new EditRefusedError('errors.notFound');
    const key = { projectId_year: { projectId, year: input.year } };
    const fields = { id: true, projectId: true, year: true, usdMinor: true } as const;
    const before = await tx.projectRequirement.findUnique({ where: key, select: fields });
    const after = await tx.projectRequirement.upsert({
      where: key,
      create: { projectId, year: input.year, usdMinor: input.amount },
      update: { usdMinor: input.amount },
      select: fields,
    });
    await refreshFundingSummaries({ db: tx, projectIds: [projectId] });
    await audit(tx, actorId, before ? 'requirement.update' : 'requirement.create', 'ProjectRequirement', after.id, before, after);
    return after;
  });
}

/** Records regular-budget money for a programme and year. */
export async function recordRegularBudget({
  actorId,
  programmeId,
  input,
}: {
  actorId: string;
  programmeId: string;
  input: RegularBudgetInput;
}) {
  return inEditTransaction(async (tx) => {
    await assertProgrammeExists(tx, programmeId);
    return insertRegularBudgetEntry({
      db: tx,
      programmeId,
      year: input.year,
      usdMinor: input.amount,
      note: input.note ?? '',
      recordedById: actorId,
    });
  });
}

/** Takes back part or all of a regular-budget entry with a reversing entry. */
export async function correctRegularBudget({ actorId, input }: { actorId: string; input: RegularBudgetCorrectionInput }) {
  try {
    return await inEditTransaction((tx) =>
      correctRegularBudgetEntry({ db: tx, entryId: input.entryId, usdMinor: input.amount, reason: input.reason, recordedById: actorId }),
    );
  } catch (error) {
    if (error instanceof RegularBudgetError) {
      throw error.code === 'entry-not-found'
        ? new EditRefusedError('errors.entry', 'entryId')
        : new EditRefusedError('errors.exceedsUnallocated', 'amount');
    }
    throw error;
  }
}
