// Recurring jobs run once per tick under their own job key, so a tick that failed while
// PostgreSQL was away is replaced by the next one instead of piling up as given-up jobs
// (seen in bench:outage: eight drain-stripe-inbox sweeps left behind per run before).
import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { crontab, taskList } from '~/tasks.server.ts';

describe('the crontab', () => {
  const items = parseCrontab(crontab);

  it('names only tasks the worker knows', () => {
    for (const item of items) expect(Object.keys(taskList)).toContain(item.task);
  });

  it('gives every recurring job one attempt per tick and a job key of its own', () => {
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.options.maxAttempts, item.task).toBe(1);
      expect(item.options.jobKey, item.task).toMatch(/^cron-/);
    }
    expect(new Set(items.map((item) => item.options.jobKey)).size).toBe(items.length);
  });
});
