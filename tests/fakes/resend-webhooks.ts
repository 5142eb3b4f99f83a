// The Resend fake's webhooks: events about each accepted message, posted to a configured URL and
// signed the way Resend signs them (Svix: svix-id, svix-timestamp, svix-signature "v1,<base64
// HMAC-SHA256 of id.timestamp.body>" with the base64 key after "whsec_"). Written with node:crypto,
// not the SDK, so the portal's verification (the resend SDK) checks an independent signer.
import { createHmac, randomBytes } from 'node:crypto';

export type FakeEventType = 'email.sent' | 'email.delivered' | 'email.bounced' | 'email.complained';

export interface FakeWebhookDelivery {
  id: string;
  type: FakeEventType;
  emailId: string;
  /** HTTP status of the last attempt, or null when it could not connect. */
  status: number | null;
  attempts: number;
}

export interface WebhookTarget {
  url: string;
  /** whsec_… */
  secret: string;
}

/** The Svix signature header value for one message. */
export function signSvixPayload({ secret, id, timestamp, payload }: { secret: string; id: string; timestamp: number; payload: string }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
}

/** The headers Resend (Svix) sends with a webhook body, signed at `at`. */
export function svixHeaders({
  secret,
  payload,
  at,
  id = `msg_${randomBytes(12).toString('hex')}`,
}: {
  secret: string;
  payload: string;
  at: Date;
  id?: string;
}) {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'svix-id': id,
    'svix-timestamp': String(timestamp),
    'svix-signature': signSvixPayload({ secret, id, timestamp, payload }),
  };
}

/**
 * What happens to a message after acceptance, mirroring Resend's test addresses: bounced@resend.dev
 * hard-bounces, complained@resend.dev is delivered then reported as spam (a +label is allowed,
 * e.g. bounced+donor-7@resend.dev); any other address is delivered.
 */
export function eventsFor(address: string): FakeEventType[] {
  const local = /^([^@+]+)(?:\+[^@]*)?@resend\.dev$/i.exec(address.trim())?.[1]?.toLowerCase();
  if (local === 'bounced') return ['email.sent', 'email.bounced'];
  if (local === 'complained') return ['email.sent', 'email.delivered', 'email.complained'];
  return ['email.sent', 'email.delivered'];
}

export interface EventEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  created_at: string;
}

export function eventPayload(type: FakeEventType, email: EventEmail, at: Date) {
  const data = {
    created_at: email.created_at,
    email_id: email.id,
    message_id: `<${email.id}@fake.resend.local>`,
    from: email.from,
    to: email.to,
    subject: email.subject,
  };
  const bounce =
    type === 'email.bounced'
      ? { bounce: { type: 'Permanent', subType: 'General', message: 'The recipient mail server permanently rejected the email.' } }
      : {};
  return { type, created_at: at.toISOString(), data: { ...data, ...bounce } };
}

/** Posts events one after another (in order per message), retrying a failed delivery a few times. */
export function createWebhookSender({ target, clock }: { target: WebhookTarget | undefined; clock: () => Date }) {
  const deliveries: FakeWebhookDelivery[] = [];
  let chain: Promise<void> = Promise.resolve();

  async function post(type: FakeEventType, email: EventEmail) {
    if (!target) return;
    const payload = JSON.stringify(eventPayload(type, email, clock()));
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const delivery: FakeWebhookDelivery = { id, type, emailId: email.id, status: null, attempts: 0 };
    deliveries.push(delivery);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      delivery.attempts += 1;
      try {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...svixHeaders({ secret: target.secret, payload, at: clock(), id }) },
          body: payload,
        });
        delivery.status = response.status;
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        delivery.status = null;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }

  return {
    /** Queues the events of accepted messages (delivered asynchronously, like Resend). */
    queue(emails: EventEmail[]) {
      if (!target) return;
      for (const email of emails) {
        for (const type of eventsFor(email.to[0] ?? '')) chain = chain.then(() => post(type, email));
      }
    },
    /** Settles when every queued event has been delivered or given up on. */
    flush: () => chain,
    deliveries: () => deliveries.map((delivery) => ({ ...delivery })),
    clear: () => void (deliveries.length = 0),
  };
}
