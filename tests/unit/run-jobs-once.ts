// Runs the due graphile-worker jobs of some tasks once, as the worker would, for tests. On ONE
// connection rather than runOnce's pool: graphile-worker 0.17 marks a job complete without awaiting
// that query, and runOnce may fetch "no more jobs" on another connection and end its pool before
// the completion ran — the job then stays locked and counts as queued (a CI flake in sign-in.test.ts).
// On one connection the completion is sent before the worker's next fetch, so it has run when this
// returns. Returns what the worker logged as errors (a failed job's message among them); `log`
// hears every line.
import { Logger, runTaskListOnce, type LogLevel, type TaskList } from 'graphile-worker';
import pg from 'pg';

export async function runJobsOnce(taskList: TaskList, log?: (level: LogLevel, message: string) => void): Promise<string[]> {
  const errors: string[] = [];
  const logger = new Logger(() => (level, message) => {
    if (level === 'error') errors.push(message);
    log?.(level, message);
  });
  const connections = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const client = await connections.connect();
  try {
    await runTaskListOnce({ logger, noHandleSignals: true }, taskList, client).promise;
  } finally {
    client.release();
    await connections.end();
  }
  return errors;
}
