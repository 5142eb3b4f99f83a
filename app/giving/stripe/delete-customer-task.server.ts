// Job: delete an erased donor's Customer at Stripe (decision 042), queued by eraseDonor in the
// erasure's own transaction with the Customer id alone. Stripe keeps only a tombstone
// `{ id, object: 'customer', deleted: true }` and ends the Customer's subscriptions. A Customer
// Stripe no longer knows (deleted by an earlier attempt, or by hand in the Dashboard) is done;
// any other failure throws, so graphile-worker retries with its backoff.
import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { getStripe, isResourceMissing, type Stripe } from './stripe-client.server.ts';

const payloadSchema = z.object({ customerId: z.string().regex(/^cus_[A-Za-z0-9]+$/) });

export type StripeCustomerDeletion = 'deleted' | 'alreadyGone';

/** Deletes the Customer at Stripe; resolves when Stripe holds nothing of it any more. */
export async function deleteStripeCustomer({
  customerId,
  stripe = getStripe(),
}: {
  customerId: string;
  stripe?: Stripe;
}): Promise<StripeCustomerDeletion> {
  try {
    await stripe.customers.del(customerId);
    return 'deleted';
  } catch (error) {
    if (isResourceMissing(error)) return 'alreadyGone';
    throw error;
  }
}

export const deleteStripeCustomerTask: Task = async (payload, helpers) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    // Retrying cannot mend a payload; the job is dropped with a line to find it by.
    helpers.logger.error(`delete-stripe-customer: malformed payload, dropped (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return;
  }
  const { customerId } = parsed.data;
  const outcome = await deleteStripeCustomer({ customerId });
  helpers.logger.info(`delete-stripe-customer ${customerId}: ${outcome === 'deleted' ? 'deleted' : 'already gone at Stripe'}`);
};
