// Job "appeal-send" { appealId } — or { appealId, decide: true } for an A/B test's decision — (docs/decisions/049): queued when staff send an appeal (at its
// scheduled time, or now), it begins a due scheduled send and fans the appeal out to its segment;
// graphile-worker's retries continue from the cursor after a crash. A failed attempt is written on
// the appeal and rethrown.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { continueAppealSend, recordAppealSendError } from './appeal-send-commands.server.ts';
import { decideSubjectTest } from './appeal-subject-test-commands.server.ts';

const payloadSchema = z.object({ appealId: z.uuid(), decide: z.boolean().optional() });

export const appealSendTask: Task = async (payload, helpers) => {
  const { appealId, decide } = payloadSchema.parse(payload);
  if (decide) {
    // The A/B test's wait is over (job key appeal-test:<id>): decide, which queues the rest.
    const decided = await decideSubjectTest({ appealId });
    helpers.logger.info(`appeal ${appealId}: ${decided.ok ? `variant ${decided.winner} won` : decided.reason}`);
    return;
  }
  try {
    const result = await continueAppealSend({ appealId });
    helpers.logger.info(`appeal ${appealId}: ${result.queued} recipients queued, status ${result.status}`);
  } catch (error) {
    await recordAppealSendError({ appealId, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
};
