// Job (daily cron): queues the day's instalment reminders (instalment-reminder-commands.server.ts).
import type { Task } from 'graphile-worker';
import { queueInstalmentReminders } from './instalment-reminder-commands.server.ts';

export const sendInstalmentRemindersTask: Task = async (_payload, helpers) => {
  const queued = await queueInstalmentReminders();
  helpers.logger.info(`instalment reminders queued: ${queued}`);
};
