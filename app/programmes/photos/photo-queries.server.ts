// Reads of project photos: the current photo of a project (for its pages and the staff editor)
// and one rendition's bytes (for /photos/<code>/<width>-<hash>.webp).
import { getPrisma } from '~/platform/db.server.ts';
import type { StoredPhoto } from './photo-view.ts';

const photoSelect = {
  alt: true,
  uploadedAt: true,
  uploadedBy: { select: { name: true } },
  renditions: { select: { width: true, height: true, hash: true }, orderBy: { width: 'asc' } },
  project: { select: { code: true } },
} as const;

/** A project's current photo by project code, or null. */
export async function getProjectPhoto({ code }: { code: string }): Promise<StoredPhoto | null> {
  const photo = await getPrisma().projectPhoto.findFirst({ where: { project: { code } }, select: photoSelect });
  if (!photo || photo.renditions.length === 0) return null;
  return {
    code: photo.project.code,
    alt: photo.alt,
    uploadedAt: photo.uploadedAt.toISOString(),
    uploadedBy: photo.uploadedBy?.name ?? null,
    renditions: photo.renditions,
  };
}

/** One rendition's WebP bytes, when the code, width and hash all match the current photo. */
export async function getPhotoRendition({ code, width, hash }: { code: string; width: number; hash: string }) {
  return getPrisma().projectPhotoRendition.findFirst({
    where: { width, hash, photo: { project: { code } } },
    select: { bytes: true, hash: true },
  });
}
