// Programme officers' writes to a project's photo (docs/decisions/058): save (a new upload with its
// alt text, or the alt text alone) and remove. One transaction each, audited with the state before
// and after (never the image bytes); public page caches drop at commit (the table's trigger).
import type { LocalizedText } from '~/platform/i18n.ts';
import { inEditTransaction } from '../programme-commands.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import type { Prisma } from '~/generated/prisma/client.ts';
import { EditRefusedError } from '../edit-errors.ts';
import type { ProcessedPhoto } from './process-photo.server.ts';

type Tx = Prisma.TransactionClient;

/** What the audit log keeps of a photo: its texts and renditions' sizes and hashes. */
async function photoState(tx: Tx, projectId: string) {
  const photo = await tx.projectPhoto.findUnique({
    where: { projectId },
    select: {
      alt: true,
      sourceWidth: true,
      sourceHeight: true,
      uploadedAt: true,
      renditions: { select: { width: true, height: true, hash: true, byteSize: true }, orderBy: { width: 'asc' } },
    },
  });
  return photo ? { ...photo, uploadedAt: photo.uploadedAt.toISOString() } : null;
}

/**
 * Saves a project's photo: with `image`, the processed upload replaces the current one; without,
 * only the alt text changes (refused when the project has no photo yet).
 */
export async function saveProjectPhoto({
  actorId,
  projectId,
  alt,
  image,
  now = new Date(),
}: {
  actorId: string;
  projectId: string;
  alt: LocalizedText;
  image: ProcessedPhoto | null;
  now?: Date;
}) {
  return inEditTransaction(async (tx) => {
    const before = await photoState(tx, projectId);
    if (!image) {
      if (!before) throw new EditRefusedError('photos.errors.required', 'photo');
      await tx.projectPhoto.update({ where: { projectId }, data: { alt, updatedAt: now } });
    } else {
      // A replacement is a new row: the old renditions go with the old row (cascade).
      await tx.projectPhoto.deleteMany({ where: { projectId } });
      await tx.projectPhoto.create({
        data: {
          projectId,
          alt,
          sourceWidth: image.sourceWidth,
          sourceHeight: image.sourceHeight,
          uploadedById: actorId,
          uploadedAt: now,
          updatedAt: now,
          renditions: {
            create: image.renditions.map((r) => ({
              width: r.width,
              height: r.height,
              hash: r.hash,
              bytes: r.bytes,
              byteSize: r.bytes.byteLength,
            })),
          },
        },
      });
    }
    const after = await photoState(tx, projectId);
    const action = !image ? 'project.photo.alt' : before ? 'project.photo.replace' : 'project.photo.upload';
    await recordAudit({ db: tx, actorId, actorKind: 'staff', action, entityType: 'Project', entityId: projectId, before, after });
    return after;
  });
}

/** Removes a project's photo; refused when there is none (a second click, another tab). */
export async function removeProjectPhoto({ actorId, projectId }: { actorId: string; projectId: string }) {
  return inEditTransaction(async (tx) => {
    const before = await photoState(tx, projectId);
    if (!before) throw new EditRefusedError('photos.errors.nothingToRemove');
    await tx.projectPhoto.delete({ where: { projectId } });
    await recordAudit({
      db: tx,
      actorId,
      actorKind: 'staff',
      action: 'project.photo.remove',
      entityType: 'Project',
      entityId: projectId,
      before,
      after: null,
    });
  });
}
