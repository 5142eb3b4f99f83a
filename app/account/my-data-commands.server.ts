// "My data" in the account (issue #14 item 8): the signed-in donor downloads everything the portal
// holds about them (JSON, or their money movements as CSV), or erases their personal data
// (docs/decisions/042). Both act on the session's donor only; no request names a donor.
import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { DonorErasureError, eraseDonor } from '~/ledger/donor-erasure-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { SignedInDonor } from './account-auth.server.ts';
import { donorDataCsv, donorDataJson, exportDonorData } from './donor-data-export-queries.server.ts';
import { eraseSchema } from './my-data-schema.ts';

/** The download as a file: never cached, never shown inline. */
export async function donorDataDownload({ donor, format, now = new Date() }: { donor: SignedInDonor; format: 'json' | 'csv'; now?: Date }) {
  const data = await exportDonorData({ db: getPrisma(), donorId: donor.id, now });
  if (!data) throw new Response('Not found', { status: 404 });
  const day = now.toISOString().slice(0, 10);
  return new Response(format === 'csv' ? donorDataCsv(data) : donorDataJson(data), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="my-giving-data-${day}.${format}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

export type EraseOutcome = { ok: true } | { ok: false; status: 400 | 409; result: SubmissionResult<string[]> };

/** Erases the signed-in donor's personal data once they have confirmed it; a running monthly gift must be cancelled first. */
export async function eraseOwnData({ donor, formData }: { donor: SignedInDonor; formData: FormData }): Promise<EraseOutcome> {
  // Only the confirmation is read (and echoed back on an error): no field of the request names a donor.
  const confirmation = new FormData();
  const confirm = formData.get('confirm');
  if (typeof confirm === 'string') confirmation.set('confirm', confirm);
  const submission = parseWithZod(confirmation, { schema: eraseSchema });
  if (submission.status !== 'success') return { ok: false, status: 400, result: submission.reply() };
  try {
    await getPrisma().$transaction((tx) => eraseDonor({ db: tx, donorId: donor.id, actor: { kind: 'donor' } }), { timeout: 60_000 });
    return { ok: true };
  } catch (error) {
    if (error instanceof DonorErasureError && error.code === 'activeMonthlyGift')
      return { ok: false, status: 409, result: submission.reply({ formErrors: ['erase.errors.activeMonthlyGift'] }) };
    throw error;
  }
}
