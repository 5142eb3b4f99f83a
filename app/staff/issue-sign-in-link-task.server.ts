// The graphile-worker task "issue-staff-sign-in-link" ({ email, redirectTo, locale }): creates the
// sign-in link and queues its email when the address is an active staff account, and does nothing
// otherwise. The /login request only queued this job, for every address alike.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { issueStaffSignInLink } from './sign-in-commands.server.ts';

const payloadSchema = z.object({ email: z.string().min(1).max(254), redirectTo: z.string().max(2048), locale: z.string().min(2).max(5) });

export const issueStaffSignInLinkTask: Task = async (payload, helpers) => {
  const { email, redirectTo, locale } = payloadSchema.parse(payload);
  await issueStaffSignInLink({ requestId: helpers.job.id, email, redirectTo, locale });
};
