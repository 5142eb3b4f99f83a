// Is PostgreSQL answering? One small connection asks `SELECT 1` every second or two, and at once
// when another part of the process reports a lost connection. The web server answers /readyz and
// the 503 page from this (docs/decisions/015); /healthz stays "the process is alive".
import pg from 'pg';

export interface DatabaseReadiness {
  /** The last probe's answer (true until a probe fails). */
  isReady(): boolean;
  /** Probes now (concurrent calls share one probe) and returns the answer. */
  check(): Promise<boolean>;
  stop(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 2000;

// server.ts and the Remix server bundle each load their own copy of this module: the one watcher
// of the process is found through globalThis, so the Prisma pool's error handler can reach it.
const globalReadiness = globalThis as unknown as { portalDatabaseReadiness?: DatabaseReadiness };

/** Tells the watcher (if this process has one) that a connection failed: it probes at once. */
export function reportDatabaseTrouble(): void {
  void globalReadiness.portalDatabaseReadiness?.check();
}

/** Starts probing `databaseUrl`; logs each change between reachable and unreachable. */
export function watchDatabaseReadiness({
  databaseUrl,
  log,
  upIntervalMs = 2000,
  downIntervalMs = 500,
}: {
  databaseUrl: string;
  log: (line: string) => void;
  upIntervalMs?: number;
  downIntervalMs?: number;
}): DatabaseReadiness {
  // A fresh connection per probe: nothing a killed server left half-open can make a probe hang,
  // and a probe that takes longer than PROBE_TIMEOUT_MS counts as a failure.
  const ask = async () => {
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: PROBE_TIMEOUT_MS,
      query_timeout: PROBE_TIMEOUT_MS,
      application_name: 'portal-readiness',
    });
    client.on('error', () => undefined); // a cut connection must not crash the process
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect().then(() => client.query('SELECT 1')),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      void client.end().catch(() => undefined);
    }
  };
  let ready = true;
  let downSince = 0;
  let probing: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // While ready, a failed probe is asked again at once before the portal turns to the 503 page:
  // on a loaded machine one new connection can take longer than PROBE_TIMEOUT_MS (a burst of
  // pledges saw a 503 in CI), while a stopped server refuses both at once.
  const askTwiceWhileReady = async () => {
    try {
      await ask();
    } catch (error) {
      if (!ready) throw error;
      await ask();
    }
  };
  const probe = async (): Promise<boolean> => {
    try {
      await askTwiceWhileReady();
      if (!ready) log(`database reachable again after ${Date.now() - downSince} ms`);
      ready = true;
    } catch (error) {
      if (ready) {
        downSince = Date.now();
        log(`database unreachable: ${(error as Error).message}`);
      }
      ready = false;
    }
    return ready;
  };
  const check = (): Promise<boolean> => {
    probing ??= probe().finally(() => {
      probing = undefined;
    });
    return probing;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void check().finally(schedule), ready ? upIntervalMs : downIntervalMs);
    timer.unref();
  };
  schedule();
  const readiness: DatabaseReadiness = {
    isReady: () => ready,
    check,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (globalReadiness.portalDatabaseReadiness === readiness) globalReadiness.portalDatabaseReadiness = undefined;
    },
  };
  globalReadiness.portalDatabaseReadiness = readiness;
  return readiness;
}
