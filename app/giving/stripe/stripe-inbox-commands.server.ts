// The Stripe event inbox (docs/decisions/011): the webhook's acknowledgement is one committed row,
// and a job applies the rows later, exactly once.
// - Acknowledging: every verified event waits for the next INSERT of this process, which writes
//   all the events that arrived meanwhile (group commit: one statement and one commit for many
//   deliveries, so acknowledging costs the database little however many arrive at once). The
//   same statement logs the types we do not apply and wakes the drain job of each shard it fed.
// - Applying: drain-stripe-inbox takes a shard's due rows (FOR UPDATE SKIP LOCKED), applies them
//   with the batch logic of stripe-events.server.ts (a savepoint per event) and, in the same
//   transaction, deletes the applied rows and gives the failed ones their next try time.
import type Stripe from 'stripe';
import {
  APPLIED_EVENT_TYPES,
  applyEventsInTransaction,
  APPLY_TRANSACTION_OPTIONS,
  idOf,
  StripeReads,
  stripeEventSchema,
  type EventResult,
} from './stripe-event-commands.server.ts';
import { recordAudit } from '~/platform/audit.server.ts';
import { invalidatePublicData } from '~/platform/cache/public-data-cache.server.ts';
import { getStripe } from './stripe-client.server.ts';
import { Prisma } from '~/generated/prisma/client.ts';
import { getPrisma, type DbClient } from '~/platform/db.server.ts';

export const DRAIN_TASK = 'drain-stripe-inbox';
/** Shards: events about one PaymentIntent or subscription share one, so one transaction sees them. */
export const STRIPE_INBOX_SHARDS = 16;
/** Tries of an event whose money Stripe has not finished telling us about, before staff look. */
export const MAX_EVENT_ATTEMPTS = 12;
/** Money first: drain jobs run before receipts and reminders (priority 0). */
export const DRAIN_PRIORITY = -1;
/** Events per acknowledging INSERT (each a few kilobytes). */
const MAX_EVENTS_PER_INSERT = 200;
/** Events per applying transaction: bounds how long it holds its pledge locks. */
export const MAX_EVENTS_PER_DRAIN = 100;
/** Transactions per drain job before it hands over to a fresh job (other shards get a turn). */
const MAX_ROUNDS_PER_JOB = 20;

export type QueueOutcome = 'queued' | 'duplicate' | 'ignored';

/** Writes a verified event to the inbox (or logs a type we do not apply); resolves once committed. */
export function queueStripeEvent({
  db = getPrisma(),
  event,
  rawBody,
}: {
  db?: DbClient;
  event: Stripe.Event;
  rawBody: string;
}): Promise<QueueOutcome> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new InboxWriter(db);
    writers.set(db, writer);
  }
  return writer.add(event, rawBody);
}

const writers = new WeakMap<DbClient, InboxWriter>();

interface Delivery {
  id: string;
  type: string;
  shard: number;
  /** null for a type we do not apply: only logged */
  payload: string | null;
  settle: (outcome: QueueOutcome) => void;
  fail: (error: unknown) => void;
}

/**
 * One INSERT in flight per process: deliveries that arrive while it runs wait for the next one.
 * Alone, a delivery is written at once; under load, each statement carries everything that came
 * during the previous one.
 */
class InboxWriter {
  private waiting: Delivery[] = [];
  private writing = false;
  constructor(private readonly db: DbClient) {}

  add(event: Stripe.Event, rawBody: string): Promise<QueueOutcome> {
    return new Promise((settle, fail) => {
      const applies = APPLIED_EVENT_TYPES.has(event.type);
      this.waiting.push({ id: event.id, type: event.type, shard: shardOf(event), payload: applies ? rawBody : null, settle, fail });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const deliveries = this.waiting.splice(0, MAX_EVENTS_PER_INSERT);
        try {
          const queued = await insertDeliveries(this.db, deliveries);
          for (const delivery of deliveries) {
            // The second delivery of an event in the same INSERT is a duplicate too.
            const first = delivery.payload !== null && queued.delete(delivery.id);
            delivery.settle(delivery.payload === null ? 'ignored' : first ? 'queued' : 'duplicate');
          }
        } catch (error) {
          for (const delivery of deliveries) delivery.fail(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/**
 * One statement: log the ignored types, add the others to the inbox unless already applied (or
 * already waiting), and add or update the drain job of each shard that got a row. The job is
 * visible only with the rows (same commit). Returns the ids that got a row.
 */
async function insertDeliveries(db: DbClient, deliveries: Delivery[]): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ kind: 'queued' | 'woken'; value: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${deliveries.map((d) => d.id)}::text[], ${deliveries.map((d) => d.type)}::text[],
        ${deliveries.map((d) => d.shard)}::int[], ${deliveries.map((d) => d.payload)}::text[]) AS e(id, type, shard, payload)
    ), ignored AS (
      INSERT INTO processed_webhook_events (id, provider, type, outcome)
      SELECT id, 'stripe', type, 'ignored: unhandled event type' FROM input WHERE payload IS NULL
      ON CONFLICT (id) DO NOTHING
    ), queued AS (
      INSERT INTO stripe_event_inbox (id, type, shard, payload)
      SELECT i.id, i.type, i.shard, i.payload FROM input i
      WHERE i.payload IS NOT NULL AND NOT EXISTS (SELECT 1 FROM processed_webhook_events p WHERE p.id = i.id)
      ON CONFLICT (id) DO NOTHING
      RETURNING id, shard
    ), specs AS (
      SELECT ${drainJobSpecs(Prisma.sql`(SELECT DISTINCT shard FROM queued)`)} AS list
    ), woken AS (
      SELECT job.key FROM specs CROSS JOIN LATERAL graphile_worker.add_jobs(specs.list, true) job WHERE cardinality(specs.list) > 0
    )
    SELECT 'queued' AS kind, id AS value FROM queued
    UNION ALL SELECT 'woken', key FROM woken`;
  const queued = new Set<string>();
  const shardsFed = new Set<number>();
  const woken = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'woken') woken.add(row.value);
    else queued.add(row.value);
  }
  for (const delivery of deliveries) if (queued.has(delivery.id)) shardsFed.add(delivery.shard);
  // graphile-worker answers no job when the worker locked the shard's job between two of its own
  // statements; the rows are committed anyway. Wake the shard again (a locked job gets a
  // successor); failing that, the sweep finds the rows within a minute.
  const unwoken = [...shardsFed].filter((shard) => !woken.has(drainJobKey(shard)));
  if (unwoken.length > 0) await wakeDrainJobs({ db, shards: unwoken });
  return queued;
}

const DRAIN_JOB_KEY_PREFIX = 'stripe-inbox:';
const RETRY_JOB_KEY_PREFIX = 'stripe-inbox-retry:';

/** The key of a shard's drain job for what is due now: only ever scheduled for now. */
export function drainJobKey(shard: number): string {
  return `${DRAIN_JOB_KEY_PREFIX}${shard}`;
}

/**
 * The key of a shard's job for its next retry. Kept apart from drainJobKey so that a failing
 * event's future run time never holds back the shard's other events: under one key with
 * preserve_run_at, a new event's wake-up kept the job at the retry's time (issue #11, item 3).
 */
export function retryJobKey(shard: number): string {
  return `${RETRY_JOB_KEY_PREFIX}${shard}`;
}

/**
 * SQL for graphile-worker job specs (an array, empty when there are no shards) of the drain jobs of
 * `shards`, an SQL set of shard numbers; at `runAt`, else now, under the key `keyPrefix || shard`.
 * The one place their task, key and priority are spelled, for the webhook's statement and for
 * wakeDrainJobs / scheduleRetry.
 */
function drainJobSpecs(shards: Prisma.Sql, runAt: Date | null = null, keyPrefix = DRAIN_JOB_KEY_PREFIX): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT ROW(${DRAIN_TASK}, json_build_object('shard', t.s), NULL, ${runAt}::timestamptz, NULL, ${keyPrefix} || t.s,
               ${DRAIN_PRIORITY}::smallint, NULL)::graphile_worker.job_spec
    FROM ${shards} AS t(s))`;
}

/**
 * Adds the drain job of each shard, due now; a job already waiting for a shard keeps its time
 * (preserve_run_at: it is due now too), a running one gets a successor. `bringForward` replaces
 * the waiting job's time instead: the sweep's way to free a shard whose job a version before
 * the retry key left in the future. Returns the shards that got none.
 */
export async function wakeDrainJobs({
  db,
  shards,
  bringForward = false,
}: {
  db: DbClient;
  shards: number[];
  bringForward?: boolean;
}): Promise<number[]> {
  const woken = await db.$queryRaw<{ key: string }[]>`
    SELECT job.key FROM graphile_worker.add_jobs(${drainJobSpecs(Prisma.sql`unnest(${shards}::int[])`)}, ${!bringForward}) job`;
  const keys = new Set(woken.map((row) => row.key));
  const missed = shards.filter((shard) => !keys.has(drainJobKey(shard)));
  if (missed.length > 0) console.warn(`[stripe] inbox shards ${missed.join(', ')} not woken now; the sweep will drain them`);
  return missed;
}

/**
 * Staff replay of an event that used every try (decision 011): it is due again now, with one try
 * left, so a replay that fails again comes straight back to staff with the new error instead of
 * another day of retries. Audited. Returns false when the event is not waiting for staff (applied
 * meanwhile, replayed by someone else, or unknown).
 */
export async function replayGivenUpInboxEvent({
  db = getPrisma(),
  id,
  staffUserId,
}: {
  db?: ReturnType<typeof getPrisma>;
  id: string;
  staffUserId: string;
}): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ shard: number; attempts: number; lastError: string | null }[]>`
      WITH waiting AS (
        SELECT id, attempts, "lastError" FROM stripe_event_inbox WHERE id = ${id} AND "availableAt" = 'infinity' FOR UPDATE
      )
      UPDATE stripe_event_inbox i SET "availableAt" = now(), attempts = ${MAX_EVENT_ATTEMPTS - 1}
        FROM waiting WHERE i.id = waiting.id
      RETURNING i.shard, waiting.attempts, waiting."lastError"`;
    const row = rows[0];
    if (!row) return false;
    await wakeDrainJobs({ db: tx, shards: [row.shard], bringForward: true });
    await recordAudit({
      db: tx,
      actorId: staffUserId,
      actorKind: 'staff',
      action: 'stripe_event.replay',
      entityType: 'StripeEvent',
      entityId: id,
      before: { state: 'given up', attempts: row.attempts, lastError: row.lastError },
      after: { state: 'due now', triesLeft: 1 },
    });
    return true;
  });
}

/**
 * Sets the shard's retry job to `runAt`, the earliest next try of its failed events (replacing
 * the time it had: the drain that calls this has just computed the earliest). It never delays the
 * shard's drain job for new events, which has its own key.
 */
export async function scheduleRetry({ db, shard, runAt }: { db: DbClient; shard: number; runAt: Date }): Promise<void> {
  await db.$queryRaw`
    SELECT job.key FROM graphile_worker.add_jobs(${drainJobSpecs(Prisma.sql`(VALUES (${shard}::int))`, runAt, RETRY_JOB_KEY_PREFIX)}, false) job`;
}

/** The sweep: wakes every shard with due events, whatever was missed (a dropped wake-up, a crash). */
export async function wakeDueShards({ db = getPrisma() }: { db?: DbClient } = {}): Promise<void> {
  const due = await db.$queryRaw<{ shard: number }[]>`SELECT DISTINCT shard FROM stripe_event_inbox WHERE "availableAt" <= now()`;
  if (due.length > 0) await wakeDrainJobs({ db, shards: due.map((row) => row.shard), bringForward: true });
}

/**
 * Hands a shard over after a drain job: due rows left (the job had its share of rounds) go to a
 * fresh job now; the shard's next retry, if any, gets its retry job at its time. The finishing
 * job may hold either key, so graphile-worker adds a new job (or keeps an earlier one a webhook
 * added meanwhile).
 */
export async function handOverShard({
  shard,
  result,
  db = getPrisma(),
}: {
  shard: number;
  result: DrainResult;
  db?: DbClient;
}): Promise<void> {
  if (result.more) await wakeDrainJobs({ db, shards: [shard] });
  if (result.nextTryAt) await scheduleRetry({ db, shard, runAt: result.nextTryAt });
}

export interface DrainResult {
  applied: number;
  failed: number;
  /** Due rows left when the job's rounds ran out (a fresh job takes them). */
  more: boolean;
  /** The earliest next try of a failed event still in the shard, if any. */
  nextTryAt: Date | null;
}

/**
 * Applies a shard's due events, MAX_EVENTS_PER_DRAIN per transaction, until none is due. Rows
 * another drainer holds are skipped (it applies them). A transaction that fails as a whole
 * (connection lost, crash) changes nothing: the rows stay and are tried again.
 */
export async function drainStripeInbox(args: {
  shard: number;
  db?: ReturnType<typeof getPrisma>;
  stripe?: Stripe;
  log?: (line: string) => void;
}): Promise<DrainResult> {
  const db = args.db ?? getPrisma();
  const stripe = args.stripe ?? getStripe();
  const result: DrainResult = { applied: 0, failed: 0, more: false, nextTryAt: null };
  for (let round = 0; ; round += 1) {
    if (round === MAX_ROUNDS_PER_JOB) {
      result.more = true;
      break;
    }
    let moneyChanged = false;
    // Fresh reads each round: a read is newer than every event of its own round, not of later ones.
    const reads = new StripeReads(stripe);
    const taken = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; payload: string }[]>`
        SELECT id, payload FROM stripe_event_inbox WHERE shard = ${args.shard} AND "availableAt" <= now()
        ORDER BY "receivedAt", id LIMIT ${MAX_EVENTS_PER_DRAIN} FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      const { events, unreadable } = parseRows(rows);
      if (unreadable.length > 0) {
        // Verified at the door, so this cannot be Stripe's; keep nothing that would fail forever.
        args.log?.(`stripe inbox: dropped ${unreadable.length} unreadable row(s): ${unreadable.join(', ')}`);
        await tx.$executeRaw`DELETE FROM stripe_event_inbox WHERE id = ANY(${unreadable}::text[])`;
      }
      // Stripe reads for the whole batch, concurrently: the rows are ours (locked) meanwhile.
      await reads.prefetch(events);
      const applied = await applyEventsInTransaction({ tx, reads, events });
      moneyChanged = applied.moneyChanged;
      await settleRows(tx, events, applied.results, args.log);
      for (const outcome of applied.results) {
        if (outcome.ok) result.applied += 1;
        else result.failed += 1;
      }
      return rows.length;
    }, APPLY_TRANSACTION_OPTIONS);
    if (moneyChanged) invalidatePublicData();
    if (taken === 0) break;
  }
  const [next] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT min("availableAt") AS at FROM stripe_event_inbox WHERE shard = ${args.shard} AND "availableAt" > now() AND "availableAt" < 'infinity'`;
  result.nextTryAt = next?.at ?? null;
  return result;
}

function parseRows(rows: { id: string; payload: string }[]): { events: Stripe.Event[]; unreadable: string[] } {
  const events: Stripe.Event[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    let parsed: ReturnType<typeof stripeEventSchema.safeParse>;
    try {
      parsed = stripeEventSchema.safeParse(JSON.parse(row.payload));
    } catch {
      unreadable.push(row.id);
      continue;
    }
    if (parsed.success && parsed.data.id === row.id) events.push(parsed.data as unknown as Stripe.Event);
    else unreadable.push(row.id);
  }
  return { events, unreadable };
}

/**
 * In the applying transaction: applied (or duplicate, or ignored) rows are deleted with their
 * effect; a failed row gets its next try after graphile-worker's backoff (e^attempts seconds,
 * at most e^10 ≈ 6 h), and after MAX_EVENT_ATTEMPTS it stays for staff (never due again).
 */
async function settleRows(
  tx: Parameters<typeof applyEventsInTransaction>[0]['tx'],
  events: Stripe.Event[],
  results: EventResult[],
  log?: (line: string) => void,
): Promise<void> {
  const done = events.filter((_, index) => results[index]?.ok).map((event) => event.id);
  if (done.length > 0) await tx.$executeRaw`DELETE FROM stripe_event_inbox WHERE id = ANY(${done}::text[])`;
  const failed = events.flatMap((event, index) => {
    const outcome = results[index];
    return outcome && !outcome.ok ? [{ id: event.id, error: errorText(outcome.error) }] : [];
  });
  if (failed.length === 0) return;
  const tried = await tx.$queryRaw<{ id: string; attempts: number }[]>`
    UPDATE stripe_event_inbox i SET
      attempts = i.attempts + 1,
      "lastError" = f.error,
      "availableAt" = CASE WHEN i.attempts + 1 >= ${MAX_EVENT_ATTEMPTS} THEN 'infinity'::timestamptz
        ELSE now() + make_interval(secs => exp(least(10, i.attempts + 1))) END
    FROM unnest(${failed.map((f) => f.id)}::text[], ${failed.map((f) => f.error)}::text[]) AS f(id, error)
    WHERE i.id = f.id
    RETURNING i.id, i.attempts`;
  for (const row of tried) {
    const why = failed.find((f) => f.id === row.id)?.error;
    if (row.attempts >= MAX_EVENT_ATTEMPTS)
      console.error(`[stripe] event ${row.id} not applied after ${row.attempts} tries, left in the inbox: ${why}`);
    else log?.(`stripe event ${row.id}: try ${row.attempts} failed, will retry (${why})`);
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** The shard of an event: a stable hash of the PaymentIntent or subscription it is about. */
export function shardOf(event: Stripe.Event): number {
  const object = event.data.object as {
    payment_intent?: unknown;
    subscription?: unknown;
    parent?: { subscription_details?: { subscription?: unknown } | null } | null;
  };
  const affinity =
    idOf(object.payment_intent) ??
    idOf(object.subscription) ??
    idOf(object.parent?.subscription_details?.subscription) ??
    idOf(object) ??
    event.id;
  return fnv1a(affinity) % STRIPE_INBOX_SHARDS;
}

/** A small, stable string hash (32-bit FNV-1a). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
