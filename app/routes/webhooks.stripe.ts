// POST /webhooks/stripe — Stripe's event deliveries (or the local emulator's). The raw body is
// read as text, exactly as sent, because the signature covers those bytes.
import type { ActionFunctionArgs } from '@remix-run/node';
import { acceptStripeWebhook, MAX_WEBHOOK_BYTES } from '~/services/stripe-webhook.server.ts';

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return Response.json({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_WEBHOOK_BYTES) return Response.json({ received: false, error: 'payload too large' }, { status: 413 });
  const rawBody = await request.text();
  const reply = await acceptStripeWebhook({ rawBody, signature: request.headers.get('stripe-signature') });
  return Response.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store' } });
}

export function loader() {
  return Response.json({ error: 'method not allowed' }, { status: 405, headers: { Allow: 'POST' } });
}
