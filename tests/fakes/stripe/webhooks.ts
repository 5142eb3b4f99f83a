// Webhook delivery as Stripe does it: each event POSTed on its own (so they may arrive in any
// order), signed `Stripe-Signature: t=<unix>,v1=<HMAC-SHA256(secret, "<t>.<payload>")>`, re-signed
// on every attempt, retried with exponential backoff until a 2xx or the last attempt. Every
// attempt is recorded for tests and the overview page.
import { createHmac } from 'node:crypto';
import type { EmulatorEvent } from './store.ts';

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  /** The receiver's HTTP status; null when the connection failed or timed out. */
  statusCode: number | null;
  error: string | null;
  /** When the attempt started (ISO 8601). */
  at: string;
  durationMs: number;
  /** What happens next: `delivered`, `retrying` (another attempt is scheduled) or `failed` (gave up). */
  outcome: 'delivered' | 'retrying' | 'failed';
}

export interface WebhookTarget {
  url: string | null;
  secret: string;
}

export interface DispatcherOptions extends WebhookTarget {
  retryBaseMs: number;
  maxAttempts: number;
  /** Event types sent to the endpoint (a webhook endpoint's `enabled_events`); `*` for all. */
  enabledEvents: string[];
  /** Per-attempt timeout; Stripe waits at most a few seconds for a response. */
  timeoutMs?: number;
}

/** Stripe's signature header for a payload at a time (seconds). */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

// A handful of concurrent requests, like Stripe's own per-endpoint concurrency, so a burst of
// events cannot open hundreds of sockets against the app at once.
const MAX_IN_FLIGHT = 8;

export class WebhookDispatcher {
  private target: WebhookTarget;
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly abort = new AbortController();
  private readonly waiters: (() => void)[] = [];
  private readonly queue: (() => void)[] = [];
  private inFlight = 0;
  /** Deliveries not yet finished (delivered or given up), including those waiting to retry. */
  private pending = 0;
  private closed = false;

  constructor(private readonly options: DispatcherOptions) {
    this.target = { url: options.url, secret: options.secret };
  }

  /** Later attempts, retries included, go to the endpoint configured at that moment. */
  setTarget(target: WebhookTarget): void {
    this.target = { ...target };
  }

  get current(): WebhookTarget {
    return { ...this.target };
  }

  /** Whether this event will be sent; marks it pending on the event like Stripe's `pending_webhooks`. */
  enqueue(event: EmulatorEvent): void {
    if (this.closed || !this.target.url) return;
    const enabled = this.options.enabledEvents;
    if (!enabled.includes('*') && !enabled.includes(event.type)) return;
    event.pending_webhooks = 1;
    this.pending++;
    // Stripe sends events after the request that caused them has returned.
    setImmediate(() => this.attempt(event, 1));
  }

  history(): DeliveryAttempt[] {
    return this.attempts.map((attempt) => ({ ...attempt }));
  }

  /** Resolves once no delivery is in flight or waiting to retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    this.queue.length = 0;
    this.pending = 0;
    this.release();
  }

  private release(): void {
    if (this.pending > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private finish(): void {
    this.pending--;
    this.release();
  }

  private async slot(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
    this.inFlight++;
  }

  private freeSlot(): void {
    this.inFlight--;
    this.queue.shift()?.();
  }

  private async attempt(event: EmulatorEvent, attempt: number): Promise<void> {
    if (this.closed) return;
    await this.slot();
    if (this.closed) return;
    const { url, secret } = this.target;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!url) {
      error = 'no webhook URL configured';
    } else {
      // Stripe sends the event pretty-printed; the signature covers exactly these bytes.
      const payload = JSON.stringify(event, null, 2);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'Stripe-Signature': signatureHeader(payload, secret, Math.floor(Date.now() / 1000)),
          },
          body: payload,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs ?? 10_000)]),
        });
        statusCode = response.status;
        await response.arrayBuffer().catch(() => undefined);
      } catch (cause) {
        error = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      }
    }
    this.freeSlot();
    if (this.closed) return;
    const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const retry = !delivered && attempt < this.options.maxAttempts;
    this.attempts.push({
      eventId: event.id,
      type: event.type,
      url: url ?? '',
      attempt,
      statusCode,
      error,
      at: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      outcome: delivered ? 'delivered' : retry ? 'retrying' : 'failed',
    });
    if (delivered) {
      event.pending_webhooks = 0;
      this.finish();
    } else if (retry) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.attempt(event, attempt + 1);
        },
        this.options.retryBaseMs * 2 ** (attempt - 1),
      );
      this.timers.add(timer);
    } else {
      this.finish();
    }
  }
}
