// The write-off form's action, shared by the overdue-instalments page and the donor record:
// validate (nothing changes on bad input), write off through the ledger, and answer a refusal in
// the reader's language. Stable codes from the ledger become `instalments:errors.<code>`.
import { InstalmentWriteOffError, writeOffInstalment } from '~/ledger/instalment-write-off-commands.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { writeOffSchema } from './write-off-schema.ts';

export type WriteOffOutcome =
  { ok: true; instalmentId: string; changed: boolean } | { ok: false; status: 400 | 404 | 409; instalmentId: string; error: string };

/** Reads and applies one write-off form posted by `staffUserId`. */
export async function writeOffFromForm({
  form,
  staffUserId,
  locale,
}: {
  form: Record<string, unknown>;
  staffUserId: string;
  locale: Locale;
}): Promise<WriteOffOutcome> {
  const t = getT(locale, 'instalments');
  const instalmentId = typeof form.instalmentId === 'string' ? form.instalmentId : '';
  const parsed = writeOffSchema.safeParse(form);
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.message ?? 'errors.invalid';
    return { ok: false, status: 400, instalmentId, error: t(key.startsWith('errors.') ? key : 'errors.invalid') };
  }
  try {
    const { changed } = await writeOffInstalment({ ...parsed.data, staffUserId });
    return { ok: true, instalmentId: parsed.data.instalmentId, changed };
  } catch (error) {
    if (!(error instanceof InstalmentWriteOffError)) throw error;
    const status = error.problem === 'NOT_FOUND' ? 404 : 409;
    return { ok: false, status, instalmentId, error: t(`errors.${error.problem}`) };
  }
}
