// Job: apply one verified Stripe event (queued by the webhook endpoint). Safe to run any number
// of times; an event whose payment Stripe has not confirmed yet throws and is retried later.
import type { Task } from 'graphile-worker';
import type Stripe from 'stripe';
import { z } from 'zod';
import { applyStripeEvent } from '~/services/stripe-events.server.ts';

const payloadSchema = z.object({
  event: z.looseObject({ id: z.string().min(1), type: z.string().min(1), created: z.number(), data: z.looseObject({ object: z.looseObject({}) }) }),
});

export const applyStripeEventTask: Task = async (payload, helpers) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    helpers.logger.error(`apply-stripe-event: malformed payload, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return;
  }
  const event = parsed.data.event as unknown as Stripe.Event;
  const outcome = await applyStripeEvent(event);
  if (outcome !== 'applied') helpers.logger.info(`stripe event ${event.id} (${event.type}): ${outcome}`);
};
