// The graphile-worker task "issue-donor-sign-in-link" ({ email, locale }): creates the sign-in
// link and queues its email when the address is a donor's, and does nothing otherwise. The
// /account/sign-in request only queued this job, for every address alike.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { issueDonorSignInLink } from './donor-session-commands.server.ts';

const payloadSchema = z.object({ email: z.string().min(1).max(254), locale: z.string().min(2).max(5) });

export const issueDonorSignInLinkTask: Task = async (payload, helpers) => {
  const { email, locale } = payloadSchema.parse(payload);
  await issueDonorSignInLink({ requestId: helpers.job.id, email, locale });
};
