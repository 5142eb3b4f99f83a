// The emulator's hosted pages: Checkout (/c/pay/:id), the hosted invoice page (/i/:id), the billing
// portal (/p/:id) and an overview (/). Plain HTML forms that POST back here, no script and no
// external assets, labelled for screen readers; they call the same operations as the control API.
import type Stripe from 'stripe';
import { escapeHtml } from '../resend.ts';
import { payInvoice, updatePortalCard, type Core } from './billing.ts';
import { TEST_CARDS } from './cards.ts';
import { expireOverdueSessions, offersDelayedMethod, payCheckoutSession, sessionForPayment, type SessionPayment } from './checkout.ts';
import { formatAmount } from './money.ts';
import type { DeliveryAttempt } from './webhooks.ts';

export type PageResponse = { status: number; html: string } | { redirect: string };

const e = (value: string | number | null | undefined): string => escapeHtml(String(value ?? ''));

export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:0;color:#1a1f24;background:#f6f8fa;line-height:1.5}
main{max-width:34rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border:1px solid #d5dbe1;border-radius:8px}
main.wide{max-width:64rem}
.banner{margin:0;padding:.5rem 1rem;background:#fff3bf;border-bottom:1px solid #e6c200;text-align:center}
label{display:block;font-weight:600;margin-top:.75rem}
fieldset{border:1px solid #d5dbe1;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
fieldset label{display:inline;font-weight:400;margin:0 1rem 0 .25rem}
input[type=text],input[type=email]{display:block;width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #6b7785;border-radius:4px}
input[aria-invalid=true]{border-color:#b3261e;border-width:2px}
button{margin-top:1rem;padding:.6rem 1.5rem;font-size:1rem;font-weight:600;color:#fff;background:#3b3fb6;border:0;border-radius:4px;cursor:pointer}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.hint{color:#4a5560;font-size:.9rem;margin:.25rem 0}
.error{color:#b3261e;font-weight:600}
.status{background:#e7f5e9;padding:.5rem 1rem;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:start;padding:.35rem;border-bottom:1px solid #d5dbe1;vertical-align:top}
code{font-size:.85rem}
</style></head><body><header><p class="banner"><strong>Test mode:</strong> demo payments — no money moves.</p></header>${body}</body></html>`;
}

const testCardHint = `Test cards: ${Object.entries(TEST_CARDS)
  .map(
    ([number, card]) =>
      `${number.replace(/(\d{4})(?=\d)/g, '$1 ')} ${'decline' in card ? 'is declined' : card.disputes ? 'succeeds, then is disputed' : 'succeeds'}`,
  )
  .join('; ')}. Any future expiry date and any three-digit CVC.`;

interface CardFormState {
  card?: string;
  expiry?: string;
  cvc?: string;
  error?: string;
}

function cardFields(state: CardFormState): string {
  const invalid = state.error ? ' aria-invalid="true"' : '';
  const described = state.error ? 'card-error card-hint' : 'card-hint';
  return `<label for="card-number">Card number</label>
<input type="text" id="card-number" name="card" inputmode="numeric" autocomplete="cc-number" value="${e(state.card)}" aria-describedby="${described}"${invalid}>
<p class="hint" id="card-hint">${e(testCardHint)}</p>
<label for="card-expiry">Expiry date (MM / YY)</label>
<input type="text" id="card-expiry" name="expiry" inputmode="numeric" autocomplete="cc-exp" value="${e(state.expiry)}">
<label for="card-cvc">Security code (CVC)</label>
<input type="text" id="card-cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" value="${e(state.cvc)}">`;
}

/** The form's error, announced when the page comes back; the card field points at it. */
function errorBox(message: string | undefined): string {
  return message ? `<div role="alert"><p class="error" id="card-error">${e(message)}</p></div>` : '';
}

// ------------------------------------------------------------------ checkout

function sessionSummary(core: Core, session: Stripe.Checkout.Session): string {
  const items = core.store.sessionExtras.get(session.id)?.lineItems ?? [];
  const currency = session.currency ?? 'usd';
  const interval = items.find((item) => item.price?.recurring)?.price?.recurring;
  const per = interval
    ? ` per ${interval.interval_count > 1 ? `${interval.interval_count} ${interval.interval}s` : interval.interval}`
    : '';
  const rows = items
    .map(
      (item) =>
        `<li>${e(item.description)}${(item.quantity ?? 1) > 1 ? ` × ${item.quantity}` : ''}: ${e(formatAmount(item.amount_total, currency))}</li>`,
    )
    .join('');
  return `<h2>Summary</h2><ul>${rows}</ul><p>Total due: <strong>${e(formatAmount(session.amount_total ?? 0, currency))}${e(per)}</strong></p>`;
}

interface CheckoutState extends CardFormState {
  email?: string;
  method?: string;
  delayedOutcome?: string;
  emailError?: string;
}

function checkoutForm(core: Core, session: Stripe.Checkout.Session, state: CheckoutState): string {
  const customer = typeof session.customer === 'string' ? core.store.find('customer', session.customer) : undefined;
  const knownEmail = session.customer_email ?? customer?.email ?? null;
  const emailError = state.emailError ? `<div role="alert"><p class="error" id="email-error">${e(state.emailError)}</p></div>` : '';
  const email = knownEmail
    ? `<p>Paying as <strong>${e(knownEmail)}</strong></p>`
    : `<label for="email">Email</label><input type="email" id="email" name="email" autocomplete="email" value="${e(state.email)}"${state.emailError ? ' aria-invalid="true" aria-describedby="email-error"' : ''}>${emailError}`;
  const delayed = offersDelayedMethod(session);
  const checked = (condition: boolean) => (condition ? ' checked' : '');
  const method = state.method === 'delayed' && delayed ? 'delayed' : 'card';
  const delayedChoice = delayed
    ? `<p><input type="radio" id="method-delayed" name="method" value="delayed"${checked(method === 'delayed')}><label for="method-delayed">Pay by delayed method (bank debit)</label></p>
<fieldset><legend>Outcome of the bank debit (test)</legend>
<input type="radio" id="delayed-succeed" name="delayedOutcome" value="succeed"${checked(state.delayedOutcome !== 'fail')}><label for="delayed-succeed">succeeds later</label>
<input type="radio" id="delayed-fail" name="delayedOutcome" value="fail"${checked(state.delayedOutcome === 'fail')}><label for="delayed-fail">fails later</label>
</fieldset>`
    : '';
  return `${errorBox(state.error)}<form method="post" action="/c/pay/${e(session.id)}" novalidate>
${email}
<fieldset><legend>Payment method</legend>
<p><input type="radio" id="method-card" name="method" value="card"${checked(method === 'card')}><label for="method-card">Pay by card</label></p>
${cardFields(state)}
${delayedChoice}
</fieldset>
<button type="submit">Pay</button>
</form>`;
}

function successTarget(session: Stripe.Checkout.Session): string | null {
  return session.success_url ? session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
}

export function checkoutPage(core: Core, sessionId: string, state: CheckoutState = {}, status = 200): PageResponse {
  let session: Stripe.Checkout.Session;
  try {
    ({ session } = sessionForPayment(core, sessionId));
  } catch {
    return { status: 404, html: layout('Not found', '<main><h1>This payment page does not exist</h1></main>') };
  }
  const back = session.cancel_url ? `<p><a href="${e(session.cancel_url)}">Cancel and go back</a></p>` : '';
  if (session.status === 'expired') {
    return {
      status: 410,
      html: layout('Expired', `<main><h1>This payment page has expired</h1><p>Nothing was charged.</p>${back}</main>`),
    };
  }
  if (session.status === 'complete') {
    const target = successTarget(session);
    const pending = session.payment_status === 'unpaid';
    return {
      status: 200,
      html: layout(
        'Payment complete',
        `<main><h1>${pending ? 'Bank debit started' : 'Payment complete'}</h1><p class="status" role="status">${pending ? 'The payment is processing; it can take a few days.' : 'Thank you — the payment went through.'}</p>${target ? `<p><a href="${e(target)}">Return to the site</a></p>` : ''}</main>`,
      ),
    };
  }
  const interval = core.store.sessionExtras.get(session.id)?.lineItems.find((item) => item.price?.recurring)?.price?.recurring?.interval;
  const heading =
    session.mode !== 'subscription' ? 'Pay' : interval === 'month' ? 'Set up your monthly payment' : 'Set up your recurring payment';
  return {
    status,
    html: layout(heading, `<main><h1>${heading}</h1>${sessionSummary(core, session)}${checkoutForm(core, session, state)}${back}</main>`),
  };
}

export function submitCheckout(core: Core, sessionId: string, form: URLSearchParams): PageResponse {
  const state: CheckoutState = {
    email: form.get('email')?.trim() ?? '',
    method: form.get('method') ?? 'card',
    delayedOutcome: form.get('delayedOutcome') ?? 'succeed',
    card: form.get('card') ?? '',
    expiry: form.get('expiry') ?? '',
    cvc: form.get('cvc') ?? '',
  };
  let session: Stripe.Checkout.Session;
  try {
    ({ session } = sessionForPayment(core, sessionId));
  } catch {
    return checkoutPage(core, sessionId);
  }
  // A second submit (back button, double click) of a finished session just goes on.
  if (session.status !== 'open') {
    const target = session.status === 'complete' ? successTarget(session) : null;
    return target ? { redirect: target } : checkoutPage(core, sessionId);
  }
  const customer = typeof session.customer === 'string' ? core.store.find('customer', session.customer) : undefined;
  const needsEmail = !session.customer_email && !customer?.email;
  if (needsEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(state.email ?? '')) {
    return checkoutPage(core, sessionId, { ...state, emailError: 'Enter your email address, like name@example.org.' }, 400);
  }
  const email = needsEmail ? state.email : undefined;
  const payment: SessionPayment =
    state.method === 'delayed'
      ? { delayed: state.delayedOutcome === 'fail' ? 'fail' : 'succeed', email }
      : { card: state.card ?? '', expiry: state.expiry, cvc: state.cvc, email };
  const result = payCheckoutSession(core, sessionId, payment);
  if (result.outcome === 'declined') return checkoutPage(core, sessionId, { ...state, error: result.error?.message }, 402);
  return { redirect: successTarget(result.session) ?? `/c/pay/${sessionId}` };
}

// ------------------------------------------------------------------ hosted invoice page

export function invoicePage(core: Core, invoiceId: string, state: CardFormState = {}, status = 200): PageResponse {
  const invoice = core.store.find('invoice', invoiceId);
  if (!invoice) return { status: 404, html: layout('Not found', '<main><h1>This invoice does not exist</h1></main>') };
  const amount = formatAmount(invoice.amount_due, invoice.currency);
  const lines = invoice.lines.data.map((line) => `<li>${e(line.description)}</li>`).join('');
  const details = `<dl><dt>Amount</dt><dd>${e(amount)}</dd><dt>Status</dt><dd>${invoice.status === 'paid' ? 'Paid' : e(invoice.status)}</dd></dl><ul>${lines}</ul>`;
  if (invoice.status !== 'open') {
    const paid = invoice.status === 'paid' ? `<p class="status" role="status">This invoice is paid. Thank you.</p>` : '';
    return {
      status: 200,
      html: layout(`Invoice ${invoice.number}`, `<main><h1>Invoice ${e(invoice.number)}</h1>${paid}${details}</main>`),
    };
  }
  const failed =
    invoice.attempt_count > 0 && !state.error
      ? '<p>We could not charge your card for this invoice. Pay it with another card below.</p>'
      : '';
  return {
    status,
    html: layout(
      `Invoice ${invoice.number}`,
      `<main><h1>Invoice ${e(invoice.number)}</h1>${details}${failed}${errorBox(state.error)}<form method="post" action="/i/${e(invoice.id)}" novalidate>${cardFields(state)}<button type="submit">Pay</button></form></main>`,
    ),
  };
}

export function submitInvoice(core: Core, invoiceId: string, form: URLSearchParams): PageResponse {
  const state: CardFormState = { card: form.get('card') ?? '', expiry: form.get('expiry') ?? '', cvc: form.get('cvc') ?? '' };
  const invoice = core.store.find('invoice', invoiceId);
  if (!invoice || invoice.status !== 'open') return invoicePage(core, invoiceId);
  const result = payInvoice(core, invoiceId, { card: state.card ?? '', expiry: state.expiry, cvc: state.cvc });
  if (result.outcome === 'declined') return invoicePage(core, invoiceId, { ...state, error: result.error?.message }, 402);
  return { redirect: `/i/${invoiceId}` };
}

// ------------------------------------------------------------------ billing portal

function cardLabel(core: Core, methodId: string | null | undefined): string {
  const method = methodId ? core.store.find('payment_method', methodId) : undefined;
  if (!method?.card) return 'No card on file';
  return `${method.card.brand === 'mastercard' ? 'Mastercard' : 'Visa'} ending in ${method.card.last4}, expires ${String(method.card.exp_month).padStart(2, '0')}/${method.card.exp_year}`;
}

export function portalPage(core: Core, portalId: string, state: CardFormState & { updated?: boolean } = {}, status = 200): PageResponse {
  const portal = core.store.find('billing_portal.session', portalId);
  if (!portal) return { status: 404, html: layout('Not found', '<main><h1>This page does not exist</h1></main>') };
  const customer = core.store.get('customer', String(portal.customer));
  const subscriptions = core.store.all('subscription').filter((entry) => entry.customer === customer.id);
  const current = subscriptions.find((entry) => entry.status !== 'canceled');
  const methodId = customer.invoice_settings.default_payment_method ?? current?.default_payment_method;
  const methodIdText = typeof methodId === 'string' ? methodId : (methodId?.id ?? null);
  const subscriptionRows = subscriptions
    .map((entry) => {
      const item = entry.items.data[0];
      const price = item
        ? `${formatAmount((item.price.unit_amount ?? 0) * (item.quantity ?? 1), entry.currency)} per ${item.price.recurring?.interval ?? 'month'}`
        : '';
      const ending =
        entry.cancel_at_period_end && item ? `, ends on ${new Date(item.current_period_end * 1000).toISOString().slice(0, 10)}` : '';
      const paused = entry.pause_collection ? ', payments paused' : '';
      return `<li>${e(price)}: ${e(entry.status.replace('_', ' '))}${e(paused)}${e(ending)}</li>`;
    })
    .join('');
  const openInvoices = core.store
    .all('invoice')
    .filter((invoice) => invoice.customer === customer.id && invoice.status === 'open')
    .map(
      (invoice) =>
        `<li>Invoice ${e(invoice.number)}: ${e(formatAmount(invoice.amount_due, invoice.currency))}, unpaid. <a href="/i/${e(invoice.id)}">Pay invoice ${e(invoice.number)}</a></li>`,
    )
    .join('');
  const back = portal.return_url ? `<p><a href="${e(portal.return_url)}">Return to ${e(new URL(portal.return_url).host)}</a></p>` : '';
  const body = `<main><h1>Manage your payments</h1>${state.updated ? '<p class="status" role="status">Your card was updated.</p>' : ''}
<p>Signed in as <strong>${e(customer.email ?? customer.id)}</strong></p>
<h2>Monthly gifts</h2>${subscriptionRows ? `<ul>${subscriptionRows}</ul>` : '<p>None.</p>'}
${openInvoices ? `<h2>Unpaid invoices</h2><ul>${openInvoices}</ul>` : ''}
<h2>Card</h2><p>${e(cardLabel(core, methodIdText))}</p>
<h2 id="update-card">Update card</h2>${errorBox(state.error)}
<form method="post" action="/p/${e(portal.id)}" aria-labelledby="update-card" novalidate>${cardFields(state)}<button type="submit">Update card</button></form>
${back}</main>`;
  return { status, html: layout('Manage your payments', body) };
}

export function submitPortal(core: Core, portalId: string, form: URLSearchParams): PageResponse {
  const state: CardFormState = { card: form.get('card') ?? '', expiry: form.get('expiry') ?? '', cvc: form.get('cvc') ?? '' };
  if (!core.store.find('billing_portal.session', portalId)) return portalPage(core, portalId);
  const result = updatePortalCard(core, portalId, { card: state.card ?? '', expiry: state.expiry, cvc: state.cvc });
  if (result.outcome === 'declined') return portalPage(core, portalId, { ...state, error: result.error?.message }, 402);
  // A card-update flow that ends in a redirect goes back to the site, as Stripe's portal does.
  const redirect = core.store.find('billing_portal.session', portalId)?.flow?.after_completion.redirect?.return_url;
  return { redirect: redirect ?? `/p/${portalId}?updated=1` };
}

// ------------------------------------------------------------------ overview

const time = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19);

export function overviewPage(core: Core, deliveries: DeliveryAttempt[], webhookUrl: string | null): string {
  expireOverdueSessions(core);
  const sessions = core.store
    .all('checkout.session')
    .slice(0, 50)
    .map(
      (session) =>
        `<tr><td>${time(session.created)}</td><td><a href="/c/pay/${e(session.id)}"><code>${e(session.id.slice(0, 24))}…</code></a></td><td>${e(session.mode)}</td><td>${e(formatAmount(session.amount_total ?? 0, session.currency ?? 'usd'))}</td><td>${e(session.status)}</td><td>${e(session.payment_status)}</td></tr>`,
    )
    .join('');
  const events = core.store
    .all('event')
    .slice(0, 100)
    .map(
      (event) =>
        `<tr><td>${time(event.created)}</td><td>${e(event.type)}</td><td><code>${e(event.data.object.id)}</code></td><td><code>${e(event.id)}</code></td></tr>`,
    )
    .join('');
  const attempts = [...deliveries]
    .reverse()
    .slice(0, 100)
    .map(
      (attempt) =>
        `<tr><td>${e(attempt.at.replace('T', ' ').slice(0, 19))}</td><td>${e(attempt.type)}</td><td><code>${e(attempt.eventId)}</code></td><td>${attempt.attempt}</td><td>${e(attempt.statusCode ?? attempt.error)}</td><td>${e(attempt.outcome)}</td></tr>`,
    )
    .join('');
  const table = (caption: string, head: string[], rows: string) =>
    rows
      ? `<table><caption>${e(caption)}</caption><thead><tr>${head.map((cell) => `<th scope="col">${e(cell)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
      : `<p>No ${e(caption.toLowerCase())} yet.</p>`;
  return layout(
    'Local Stripe emulator',
    `<main class="wide"><h1>Local Stripe emulator</h1><p>Webhooks go to ${webhookUrl ? `<code>${e(webhookUrl)}</code>` : 'nowhere (no URL configured)'}.</p>
<h2>Checkout Sessions</h2>${table('Checkout Sessions', ['Created (UTC)', 'Session', 'Mode', 'Amount', 'Status', 'Payment'], sessions)}
<h2>Events</h2>${table('Events', ['Created (UTC)', 'Type', 'Object', 'Event'], events)}
<h2>Webhook deliveries</h2>${table('Webhook deliveries', ['Attempted (UTC)', 'Type', 'Event', 'Attempt', 'Response', 'Outcome'], attempts)}</main>`,
  );
}
