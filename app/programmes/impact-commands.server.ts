// Programme officers' writes to a project's results (docs/decisions/028): impact updates (Markdown
// narratives, rendered through the safe subset of app/platform/markdown.ts), result indicators and
// their dated actual values. A value is never edited: a later measurement, or a new value for the
// same date, is a new row and the newest wins (the history stays readable for impact reports).
// One transaction per command, audited with before and after; public caches drop on commit.
import type { Prisma } from '~/generated/prisma/client.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { EditRefusedError } from './edit-errors.ts';
import { inEditTransaction } from './programme-commands.server.ts';
import type { ImpactUpdateInput, IndicatorInput, IndicatorValueInput } from './programme-editor-schemas.ts';

type Tx = Prisma.TransactionClient;

async function assertProject(tx: Tx, projectId: string) {
  if (!(await tx.project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw new EditRefusedError('errors.notFound');
}

// The project's last change moves with its results, so IATI's last-updated-datetime does too.
const touchProject = (tx: Tx, projectId: string) => tx.project.update({ where: { id: projectId }, data: { updatedAt: new Date() } });

const updateFields = { id: true, projectId: true, title: true, body: true, publishedAt: true } as const;

/** Publishes an impact update on a project. */
export async function addImpactUpdate({ actorId, projectId, input }: { actorId: string; projectId: string; input: ImpactUpdateInput }) {
  return inEditTransaction(async (tx) => {
    await assertProject(tx, projectId);
    const update = await tx.impactUpdate.create({
      data: {
        projectId,
        title: input.title,
        body: input.body,
        publishedAt: new Date(`${input.publishedOn}T00:00:00Z`),
        createdById: actorId,
      },
      select: updateFields,
    });
    await touchProject(tx, projectId);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'impact-update.create',
      entityType: 'ImpactUpdate',
      entityId: update.id,
      before: null,
      after: update,
    });
    return update;
  });
}

/** Corrects an impact update's texts or date. */
export async function editImpactUpdate({ actorId, updateId, input }: { actorId: string; updateId: string; input: ImpactUpdateInput }) {
  return inEditTransaction(async (tx) => {
    const before = await tx.impactUpdate.findUnique({ where: { id: updateId }, select: updateFields });
    if (!before) throw new EditRefusedError('errors.notFound');
    const after = await tx.impactUpdate.update({
      where: { id: updateId },
      data: { title: input.title, body: input.body, publishedAt: new Date(`${input.publishedOn}T00:00:00Z`) },
      select: updateFields,
    });
    await touchProject(tx, before.projectId);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'impact-update.update',
      entityType: 'ImpactUpdate',
      entityId: updateId,
      before,
      after,
    });
    return after;
  });
}

const indicatorFields = { id: true, projectId: true, code: true, name: true, unit: true, baseline: true, target: true } as const;

/** Adds a result indicator (unit, baseline, target) to a project; its code is unique in the project. */
export async function createIndicator({ actorId, projectId, input }: { actorId: string; projectId: string; input: IndicatorInput }) {
  return inEditTransaction(async (tx) => {
    await assertProject(tx, projectId);
    if (await tx.indicator.findUnique({ where: { projectId_code: { projectId, code: input.code } }, select: { id: true } })) {
      throw new EditRefusedError('errors.codeTaken', 'code');
    }
    const indicator = await tx.indicator.create({ data: { projectId, ...input }, select: indicatorFields });
    await touchProject(tx, projectId);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'indicator.create',
      entityType: 'Indicator',
      entityId: indicator.id,
      before: null,
      after: indicator,
    });
    return indicator;
  });
}

/** Changes an indicator's code, name, unit, baseline or target. */
export async function updateIndicator({ actorId, indicatorId, input }: { actorId: string; indicatorId: string; input: IndicatorInput }) {
  return inEditTransaction(async (tx) => {
    const before = await tx.indicator.findUnique({ where: { id: indicatorId }, select: indicatorFields });
    if (!before) throw new EditRefusedError('errors.notFound');
    const clash = await tx.indicator.findUnique({
      where: { projectId_code: { projectId: before.projectId, code: input.code } },
      select: { id: true },
    });
    if (clash && clash.id !== indicatorId) throw new EditRefusedError('errors.codeTaken', 'code');
    const after = await tx.indicator.update({ where: { id: indicatorId }, data: input, select: indicatorFields });
    await touchProject(tx, before.projectId);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'indicator.update',
      entityType: 'Indicator',
      entityId: indicatorId,
      before,
      after,
    });
    return after;
  });
}

/** Records an actual value of an indicator on a date, optionally tied to an update of the same project. */
export async function addIndicatorValue({ actorId, projectId, input }: { actorId: string; projectId: string; input: IndicatorValueInput }) {
  return inEditTransaction(async (tx) => {
    const indicator = await tx.indicator.findUnique({ where: { id: input.indicatorId }, select: { projectId: true } });
    if (!indicator || indicator.projectId !== projectId) throw new EditRefusedError('errors.indicator', 'indicatorId');
    if (input.impactUpdateId) {
      const update = await tx.impactUpdate.findUnique({ where: { id: input.impactUpdateId }, select: { projectId: true } });
      if (!update || update.projectId !== projectId) throw new EditRefusedError('errors.update', 'impactUpdateId');
    }
    const value = await tx.indicatorValue.create({
      data: {
        indicatorId: input.indicatorId,
        impactUpdateId: input.impactUpdateId ?? null,
        measuredOn: new Date(`${input.measuredOn}T00:00:00Z`),
        value: input.value,
      },
      select: { id: true, indicatorId: true, impactUpdateId: true, measuredOn: true, value: true },
    });
    await touchProject(tx, projectId);
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'indicator-value.create',
      entityType: 'IndicatorValue',
      entityId: value.id,
      before: null,
      after: value,
    });
    return value;
  });
}
