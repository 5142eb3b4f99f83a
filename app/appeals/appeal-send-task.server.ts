// Job "appeal-send" { appealId } (docs/decisions/049): queued when staff send an appeal (at its
// scheduled time, or now), it begins a due scheduled send and fans the appeal out to its segment;
// graphile-worker's retries continue from the cursor after a crash. A failed attempt is written on
// the appeal and rethrown.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { continueAppealSend, recordAppealSendError } from './appeal-send-commands.server.ts';

const payloadSchema = z.object({ appealId: z.uuid() });

export const appealSendTask: Task = async (payload, helpers) => {
  const { appealId } = payloadSchema.parse(payload);
  try {
    const result = await continueAppealSend({ appealId });
    helpers.logger.info(`appeal ${appealId}: ${result.queued} recipients queued, status ${result.status}`);
  } catch (error) {
    await recordAppealSendError({ appealId, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
};
