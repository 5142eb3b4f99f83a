// Job: apply verified Stripe events queued as jobs before the inbox (docs/decisions/011); the
// webhook no longer queues this task, but jobs waiting from then still run. Safe to run any number
// of times. Two payload shapes:
// - a batch, `[event, …]` (graphile-worker batch jobs): the events are applied each in its own
//   savepoint, with one summaries refresh per transaction; the task answers one promise per event,
//   so graphile-worker retries only the events that failed (an event whose payment Stripe has not
//   confirmed yet), with its backoff;
// - `{ event }`: one event, as queued before batches.
import type { Task } from 'graphile-worker';
import type Stripe from 'stripe';
import { z } from 'zod';
import { applyStripeEvent, applyStripeEvents, stripeEventSchema } from '~/services/stripe-events.server.ts';

const payloadSchema = z.object({ event: stripeEventSchema });

export const applyStripeEventTask: Task = async (payload, helpers) => {
  if (Array.isArray(payload)) {
    const events: Stripe.Event[] = [];
    const slots = payload.map((item) => {
      const parsed = stripeEventSchema.safeParse(item);
      if (!parsed.success) {
        helpers.logger.error(`apply-stripe-event: malformed event in batch, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
        return -1;
      }
      return events.push(parsed.data as unknown as Stripe.Event) - 1;
    });
    const results = await applyStripeEvents(events);
    for (const [index, result] of results.entries()) {
      if (result.ok && result.outcome !== 'applied') helpers.logger.info(`stripe event ${events[index]!.id} (${events[index]!.type}): ${result.outcome}`);
    }
    // One settled promise per payload entry: the rejected ones stay in the job and are retried.
    return slots.map((slot) => {
      const result = slot < 0 ? undefined : results[slot];
      if (!result || result.ok) return Promise.resolve();
      const failed = Promise.reject(result.error);
      failed.catch(() => undefined); // graphile-worker reads it with allSettled
      return failed;
    });
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    helpers.logger.error(`apply-stripe-event: malformed payload, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return;
  }
  const event = parsed.data.event as unknown as Stripe.Event;
  const outcome = await applyStripeEvent(event);
  if (outcome !== 'applied') helpers.logger.info(`stripe event ${event.id} (${event.type}): ${outcome}`);
};
