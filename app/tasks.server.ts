// Every graphile-worker task the portal runs, by identifier. The in-process runner (server.ts)
// and the stand-alone worker (npm run worker) both use this list.
import type { TaskList } from 'graphile-worker';
import { refreshFundingSummariesTask } from '~/ledger/summaries/refresh-summaries-task.server.ts';
import { emailRenderer } from './email-templates.server.ts';
import { createSendEmailTask } from '~/platform/email/send-email-task.server.ts';
import { sendInstalmentRemindersTask } from '~/giving/instalment-reminders-task.server.ts';
import { drainStripeInboxTask } from '~/giving/stripe/drain-inbox-task.server.ts';
import { deleteStripeCustomerTask } from '~/giving/stripe/delete-customer-task.server.ts';
import { issueStaffSignInLinkTask } from '~/staff/issue-sign-in-link-task.server.ts';
import { issueDonorSignInLinkTask } from '~/account/issue-donor-sign-in-link-task.server.ts';
import { pruneRateLimitHitsTask } from '~/platform/prune-rate-limits-task.server.ts';
import { sendAllocationNoticesTask } from '~/impact/allocation-notices-task.server.ts';
import { impactReportsTask } from '~/impact/impact-reports-task.server.ts';
import { appealSendTask } from '~/appeals/appeal-send-task.server.ts';

export const taskList: TaskList = {
  'refresh-funding-summaries': refreshFundingSummariesTask,
  'send-email': createSendEmailTask(emailRenderer),
  'drain-stripe-inbox': drainStripeInboxTask,
  'delete-stripe-customer': deleteStripeCustomerTask,
  'send-instalment-reminders': sendInstalmentRemindersTask,
  'issue-staff-sign-in-link': issueStaffSignInLinkTask,
  'issue-donor-sign-in-link': issueDonorSignInLinkTask,
  'prune-rate-limits': pruneRateLimitHitsTask,
  'send-allocation-notices': sendAllocationNoticesTask,
  'impact-reports': impactReportsTask,
  'appeal-send': appealSendTask,
};

/**
 * Recurring jobs (graphile-worker crontab syntax). Each runs once per tick (max=1) under its own
 * job key: a tick that failed (PostgreSQL went away mid-job) is replaced by the next tick instead
 * of staying in graphile_worker.jobs for ever as a job that reached its last attempt.
 */
export const crontab = [
  // Nightly safety net: rebuild and verify the funding summaries even if no money moved.
  '15 2 * * * refresh-funding-summaries ?max=1&jobKey=cron-nightly-summaries {"reason":"nightly"}',
  // Instalment reminders each morning (UTC): 7 days before due, 3 and 14 days after.
  '0 7 * * * send-instalment-reminders ?max=1&jobKey=cron-instalment-reminders',
  // Every minute: wake any inbox shard with due Stripe events that no job is draining.
  '* * * * * drain-stripe-inbox ?max=1&priority=-1&jobKey=cron-stripe-inbox-sweep',
  // Hourly: forget rate-limit hits of keys no one has used since their window ended.
  '40 * * * * prune-rate-limits ?max=1&jobKey=cron-prune-rate-limits',
  // Daily after midnight UTC: one allocation notice per donor for the day before (and two days' catch-up).
  '20 0 * * * send-allocation-notices ?max=1&jobKey=cron-allocation-notices',
  // Every minute: a drain of the outbox in the send-email queue (one runs at a time with
  // enqueueEmail's), so rows left PENDING by a job that used up its attempts go once the provider
  // is back (decision 036).
  '* * * * * send-email ?max=1&queue=send-email&jobKey=cron-send-email',
  // 06:00 UTC on 1 January, April, July and October: the impact reports of the quarter just ended
  // (app/impact/report-periods.ts RUN_HOUR_UTC; a retried tick resumes the same run).
  '0 6 1 1,4,7,10 * impact-reports ?max=1&jobKey=cron-impact-reports',
].join('\n');
