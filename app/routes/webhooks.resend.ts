// POST /webhooks/resend: Resend's delivery events (sent, delivered, bounced, complained), signed
// with Svix. A machine call authenticated by its signature: it sends no Origin, carries no session
// and is exempt from the origin check and the write rate limit (server.ts). Anything but POST: 405.
import type { ActionFunctionArgs } from '@remix-run/node';
import { acceptResendWebhook } from '~/platform/email/resend-webhook.server.ts';

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  const reply = await acceptResendWebhook({
    rawBody: await request.text(),
    headers: {
      id: request.headers.get('svix-id'),
      timestamp: request.headers.get('svix-timestamp'),
      signature: request.headers.get('svix-signature'),
    },
  });
  return Response.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store' } });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: 'POST' } });
}
