// The photo form's submission (docs/decisions/058): a multipart upload with the alt text (or the
// alt text alone), or a removal. The body is read with a per-part limit, so an oversize file stops
// the read; every refusal is a form error and leaves the stored photo as it was.
import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
} from '@remix-run/node';
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { EditRefusedError } from '../edit-errors.ts';
import { MAX_PHOTO_BYTES } from './photo-limits.ts';
import { photoAltSchema } from './photo-schema.ts';
import { removeProjectPhoto, saveProjectPhoto } from './photo-commands.server.ts';
import { PhotoRejectedError, processPhoto, type ProcessedPhoto } from './process-photo.server.ts';

export type PhotoActionOutcome =
  | { ok: true; intent: 'save-photo' | 'remove-photo' }
  | { ok: false; intent: 'save-photo' | 'remove-photo'; result: SubmissionResult<string[]> };

const refused = (intent: 'save-photo' | 'remove-photo', key: string, field?: string): PhotoActionOutcome => ({
  ok: false,
  intent,
  result: { status: 'error', error: field ? { [field]: [key] } : { '': [key] } },
});

function isMultipart(request: Request): boolean {
  return (request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

async function readForm(request: Request): Promise<FormData | 'too-large'> {
  if (!isMultipart(request)) return request.formData();
  try {
    // Text fields are a few hundred bytes; only the file may be large, and never beyond the limit.
    return await parseMultipartFormData(request, composeUploadHandlers(createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES })));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return 'too-large';
    throw error;
  }
}

/** Handles the photo forms of one project for a signed-in programme officer. */
export async function runPhotoAction({
  request,
  actorId,
  projectId,
}: {
  request: Request;
  actorId: string;
  projectId: string;
}): Promise<PhotoActionOutcome> {
  const form = await readForm(request);
  if (form === 'too-large') return refused('save-photo', 'photos.errors.tooLarge', 'photo');
  const intent = form.get('intent');
  if (intent === 'remove-photo') {
    try {
      await removeProjectPhoto({ actorId, projectId });
      return { ok: true, intent };
    } catch (error) {
      if (error instanceof EditRefusedError) return refused(intent, error.message);
      throw error;
    }
  }
  if (intent !== 'save-photo') throw new Response('Bad Request', { status: 400 });

  const submission = parseWithZod(form, { schema: photoAltSchema });
  if (submission.status !== 'success') return { ok: false, intent, result: submission.reply() };
  const file = form.get('photo');
  let image: ProcessedPhoto | null = null;
  try {
    if (file instanceof File && file.size > 0) image = await processPhoto(new Uint8Array(await file.arrayBuffer()));
    await saveProjectPhoto({ actorId, projectId, alt: submission.value.alt, image });
    return { ok: true, intent };
  } catch (error) {
    if (error instanceof PhotoRejectedError)
      return { ok: false, intent, result: submission.reply({ fieldErrors: { photo: [error.key] } }) };
    if (error instanceof EditRefusedError)
      return { ok: false, intent, result: submission.reply({ fieldErrors: { [error.field ?? 'photo']: [error.message] } }) };
    throw error;
  }
}
