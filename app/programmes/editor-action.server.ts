// One form submission of a programme officers' page: parse with the form's schema, run the
// command, and answer either "done" (the route redirects: PRG) or the Conform reply with the
// field errors (Zod's, or the command's refusal next to its field) for a 400.
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { $ZodType, output } from 'zod/v4/core';
import { EditRefusedError } from './edit-errors.ts';

export type EditOutcome<T> = { ok: true; value: T } | { ok: false; intent: string; result: SubmissionResult<string[]> };

export async function runEdit<S extends $ZodType, T>(
  intent: string,
  formData: FormData,
  schema: S,
  command: (value: output<S>) => Promise<T>,
): Promise<EditOutcome<T>> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== 'success') return { ok: false, intent, result: submission.reply() };
  try {
    return { ok: true, value: await command(submission.value) };
  } catch (error) {
    if (!(error instanceof EditRefusedError)) throw error;
    const reply = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
      : submission.reply({ formErrors: [error.message] });
    return { ok: false, intent, result: reply };
  }
}
