// A sign-in link request, as the /login action records it: one job, whatever the address. Whether
// the address belongs to anyone is looked up later by the job (issue-staff-sign-in-link-task), so
// the request does the same work, takes the same time and writes the same row for every address
// (docs/decisions/021).
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export const ISSUE_SIGN_IN_LINK_TASK = 'issue-staff-sign-in-link';
const MAX_ATTEMPTS = 5;

/** Queues the issue-staff-sign-in-link job for an address (known or not). */
export async function queueStaffSignInLink({
  db = getPrisma(),
  email,
  redirectTo,
  locale,
}: {
  db?: DbClient;
  email: string;
  redirectTo: string;
  locale: string;
}): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${ISSUE_SIGN_IN_LINK_TASK},
    json_build_object('email', ${email}::text, 'redirectTo', ${redirectTo}::text, 'locale', ${locale}::text),
    max_attempts := ${MAX_ATTEMPTS}::int
  )`;
}
