// Last line of defence for long-running processes (server.ts, npm run worker): a promise that a
// library forgot to await and that failed only because PostgreSQL went away is logged, not fatal
// (issue #11 item 1). Any other unhandled rejection still ends the process, as Node does by default.

// Codes of a connection that failed or was cut: the network's, and PostgreSQL's "admin shutdown",
// "crash shutdown", "cannot connect now" (57P01–57P03) and "connection exception" (08xxx).
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES = [/Connection terminated/i, /not queryable/i, /Can't reach database server/i, /terminating connection/i];

/** True when an error says the database connection failed or was lost (not a query's own error). */
export function isDatabaseConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return (
    CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message)) ||
    (error.cause !== undefined && isDatabaseConnectionError(error.cause))
  );
}

/** Keeps the process alive through unhandled rejections caused by a lost database connection. */
export function surviveDatabaseConnectionLoss(log: (line: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseConnectionError(reason)) {
      log(`ignored after a lost database connection: ${(reason as Error).message}`);
      return;
    }
    throw reason;
  });
}
