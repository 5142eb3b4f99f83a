// The alt text of a project photo: one short description per language, English required (every
// reader without a translation gets it). The file itself is checked by processPhoto on the server.
import * as z from 'zod/mini';
import { localizedTextSchema } from '../programme-editor-schemas.ts';

/** A screen reader reads the alt text in one go: a sentence or two. */
export const MAX_ALT_LENGTH = 250;

export const photoAltSchema = z.object({ alt: localizedTextSchema(MAX_ALT_LENGTH) });
export type PhotoAltInput = z.output<typeof photoAltSchema>;
