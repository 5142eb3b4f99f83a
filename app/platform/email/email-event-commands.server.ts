// Records a Resend webhook event and applies its effect in one transaction: the event row (unique
// by svix-id, so a replay records nothing and changes nothing), the outbox row's delivery
// outcome, and for a hard bounce or a complaint the address's suppression (decision 036).
import type { EmailDeliveryOutcome, EmailSuppressionReason, Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type Db } from '~/platform/db.server.ts';
import { normalizeAddress } from './email-suppression-queries.server.ts';

export interface ResendEvent {
  type: string;
  created_at?: string;
  data?: { email_id?: string; to?: string[] | string; bounce?: { type?: string } };
}

/** The outcome an event reports, if it is one we keep. */
function outcomeOf(event: ResendEvent): EmailDeliveryOutcome | null {
  if (event.type === 'email.delivered') return 'DELIVERED';
  if (event.type === 'email.bounced') return 'BOUNCED';
  if (event.type === 'email.complained') return 'COMPLAINED';
  return null;
}

/** Hard (permanent) bounces and complaints suppress; a soft bounce may deliver next time. */
function suppressionOf(event: ResendEvent): EmailSuppressionReason | null {
  if (event.type === 'email.complained') return 'COMPLAINT';
  if (event.type === 'email.bounced' && (event.data?.bounce?.type ?? 'Permanent').toLowerCase() === 'permanent') return 'HARD_BOUNCE';
  return null;
}

function validDate(value: string | undefined): Date | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

/** Records one verified event; 'duplicate' when this svix-id was recorded before. */
export async function recordResendEvent({
  db = getPrisma(),
  svixId,
  event,
  now = new Date(),
}: {
  db?: Db;
  svixId: string;
  event: ResendEvent;
  now?: Date;
}): Promise<'recorded' | 'duplicate'> {
  return db.$transaction(async (tx) => {
    const providerMessageId = typeof event.data?.email_id === 'string' ? event.data.email_id : null;
    const email = providerMessageId
      ? await tx.emailOutbox.findFirst({ where: { providerMessageId }, select: { id: true, toAddress: true } })
      : null;
    const inserted = await tx.emailEvent.createMany({
      data: [
        {
          id: svixId,
          type: event.type,
          providerMessageId,
          emailId: email?.id ?? null,
          payload: event as unknown as Prisma.InputJsonObject, // verified JSON object from the provider
          occurredAt: validDate(event.created_at),
          receivedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return 'duplicate';

    const outcome = outcomeOf(event);
    if (email && outcome) {
      // A bounce or complaint is the last word: a late "delivered" does not hide it.
      await tx.emailOutbox.updateMany({
        where: outcome === 'DELIVERED' ? { id: email.id, deliveryOutcome: null } : { id: email.id },
        data: { deliveryOutcome: outcome },
      });
    }
    const reason = suppressionOf(event);
    const to = event.data?.to;
    const addresses = email ? [email.toAddress] : Array.isArray(to) ? to : typeof to === 'string' ? [to] : [];
    if (reason && addresses.length > 0) {
      await tx.emailSuppression.createMany({
        data: addresses.map((address) => ({ address: normalizeAddress(address), reason, eventId: svixId, createdAt: now })),
        skipDuplicates: true,
      });
    }
    return 'recorded';
  });
}
