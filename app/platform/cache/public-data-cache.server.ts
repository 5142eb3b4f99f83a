// In-process cache of public page data (funding figures, tables, charts). Entries are dropped on
// every 'public_data_changed' notice from PostgreSQL (a trigger sends one at commit whenever
// money facts or programme data change, from any process), and at once by this process after its
// own writes (invalidatePublicData). While the state.listener is not connected nothing is cached:
// stale public figures are worse than slow ones.
import pg from 'pg';

const CHANNEL = 'public_data_changed';
const MAX_ENTRIES = 2000;

interface Entry {
  generation: number;
  value: Promise<unknown>;
}

// Process-wide state on globalThis: server.ts (run by tsx) and the Remix server bundle each load
// their own copy of this module, and both must share one cache and one switch.
interface CacheState {
  isEnabled: boolean;
  generation: number;
  entries: Map<string, Entry>;
  listener?: pg.Client;
  listening: boolean;
  connecting?: Promise<void>;
}
const globalCache = globalThis as unknown as { portalPublicDataCache?: CacheState };
const state: CacheState = (globalCache.portalPublicDataCache ??= { isEnabled: false, generation: 0, entries: new Map(), listening: false });

/** Drops every cached entry (after a local write, or on a change notice). */
export function invalidatePublicData(): void {
  state.generation += 1;
  state.entries.clear();
}

async function connectListener(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  client.on('notification', () => invalidatePublicData());
  client.on('error', () => {
    state.listening = false;
    invalidatePublicData();
    state.listener = undefined;
    client.end().catch(() => undefined);
  });
  client.on('end', () => {
    state.listening = false;
    invalidatePublicData();
    if (state.listener === client) state.listener = undefined;
  });
  await client.connect();
  await client.query(`LISTEN ${CHANNEL}`);
  state.listener = client;
  state.listening = true;
  invalidatePublicData(); // anything cached before the listener existed may have missed a notice
}

/**
 * Turns caching on for this process (the web server does, at start). Off by default, so scripts,
 * the worker and tests that write facts and read them back at once never see an earlier answer.
 */
export function enablePublicDataCache(): void {
  state.isEnabled = true;
}

function ensureListener(): void {
  const url = process.env.DATABASE_URL;
  if (!state.isEnabled || state.listening || state.connecting || !url) return;
  state.connecting = connectListener(url)
    .catch(() => undefined) // retried on a later read
    .finally(() => {
      state.connecting = undefined;
    });
}

/**
 * Returns the cached value for `key`, loading it with `load` when missing. Concurrent requests
 * for the same key share one load. A load that fails is not cached.
 */
export function cachedPublicData<T>(key: string, load: () => Promise<T>): Promise<T> {
  ensureListener();
  if (!state.listening) return load();
  const hit = state.entries.get(key);
  if (hit && hit.generation === state.generation) return hit.value as Promise<T>;
  const loadedIn = state.generation;
  const value = load();
  if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value as string);
  state.entries.set(key, { generation: loadedIn, value });
  value.catch(() => {
    if (state.entries.get(key)?.value === value) state.entries.delete(key);
  });
  return value;
}

/** Closes the listener (graceful shutdown, tests). */
export async function stopPublicDataCache(): Promise<void> {
  const client = state.listener;
  state.listener = undefined;
  state.listening = false;
  invalidatePublicData();
  await client?.end().catch(() => undefined);
  state.isEnabled = false;
}

/** Moves on every change of public data; a cached value from an older generation is stale. */
export function getPublicDataGeneration(): number {
  return state.generation;
}

/** True when reads are being cached (the change listener is connected). */
export function isPublicDataCacheActive(): boolean {
  return state.listening;
}

/**
 * Wraps a read-model function so calls without an explicit `db` (i.e. not inside a transaction)
 * are served from the cache, keyed by the function name and its arguments.
 */
export function cachedRead<A extends { db?: object }, R>(name: string, read: (args: A) => Promise<R>): (args?: A) => Promise<R> {
  return (args = {} as A) => (args.db ? read(args) : cachedPublicData(`${name}:${JSON.stringify(args)}`, () => read(args)));
}
