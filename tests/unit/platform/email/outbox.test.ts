// An email is an outbox row plus a wake-up of the one send-email job (it drains the outbox in
// batches: docs/decisions/036), written in the caller's transaction.
import { beforeEach, describe, expect, it } from 'vitest';
import { enqueueEmail, enqueueEmails } from '~/platform/email/outbox.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

const db = getPrisma();

interface JobRow {
  task_identifier: string;
  payload: object;
  key: string | null;
  queue_name: string | null;
  max_attempts: number;
}

// The public `jobs` view hides payloads; the private table is graphile-worker's own storage.
const jobs = () =>
  db.$queryRawUnsafe<JobRow[]>(
    `SELECT t.identifier AS task_identifier, j.payload, j.key, q.queue_name, j.max_attempts::int AS max_attempts
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
      WHERE t.identifier = 'send-email'`,
  );

const input = {
  template: 'sign-in-link',
  to: 'a@example.org',
  locale: 'fr',
  props: { url: 'http://localhost:3000/x', expiresInMinutes: 15 },
};

beforeEach(async () => {
  await db.$executeRawUnsafe('TRUNCATE email_outbox CASCADE');
  await db.$executeRawUnsafe('DELETE FROM graphile_worker._private_jobs');
});

describe('enqueueEmail', () => {
  it('writes the row and wakes the send-email job together', async () => {
    const email = await db.$transaction((tx) => enqueueEmail({ db: tx, ...input, idempotencyKey: 'test:1' }));
    expect(email).toMatchObject({ status: 'PENDING', attempts: 0, toAddress: 'a@example.org', locale: 'fr', template: 'sign-in-link' });
    expect(await jobs()).toEqual([
      { task_identifier: 'send-email', payload: {}, key: 'send-email', queue_name: 'send-email', max_attempts: 10 },
    ]);
  });

  it('keeps one waiting send-email job however many emails are queued', async () => {
    for (let i = 0; i < 5; i += 1) await enqueueEmail({ db, ...input, idempotencyKey: `test:many:${i}` });
    expect(await db.emailOutbox.count()).toBe(5);
    expect(await jobs()).toHaveLength(1);
  });

  it('leaves neither row nor job when the transaction rolls back', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail({ db: tx, ...input, idempotencyKey: 'test:rollback' });
        throw new Error('the fact failed');
      }),
    ).rejects.toThrow('the fact failed');
    expect(await db.emailOutbox.count()).toBe(0);
    expect(await jobs()).toEqual([]);
  });

  it('returns the existing row for a repeated idempotency key, without a second job', async () => {
    const first = await enqueueEmail({ db, ...input, idempotencyKey: 'test:same' });
    const second = await enqueueEmail({ db, ...input, idempotencyKey: 'test:same' });
    expect(second.id).toBe(first.id);
    expect(await db.emailOutbox.count()).toBe(1);
    expect(await jobs()).toHaveLength(1);
  });
});

describe('enqueueEmails', () => {
  it('writes each new row with its job, leaves known keys alone, and returns every key’s row id', async () => {
    const known = await enqueueEmail({ db, ...input, idempotencyKey: 'batch:known' });
    const ids = await db.$transaction((tx) =>
      enqueueEmails({
        db: tx,
        emails: [
          { ...input, idempotencyKey: 'batch:known', to: 'changed@example.org' },
          { ...input, idempotencyKey: 'batch:1', to: 'one@example.org', consentKind: 'IMPACT_REPORTS' },
          { ...input, idempotencyKey: 'batch:2', to: 'two@example.org', locale: 'ar' },
        ],
      }),
    );
    expect(ids.get('batch:known')).toBe(known.id);
    expect(await db.emailOutbox.findUnique({ where: { id: known.id } })).toMatchObject({ toAddress: 'a@example.org' });
    const one = await db.emailOutbox.findUniqueOrThrow({ where: { id: ids.get('batch:1')! } });
    expect(one).toMatchObject({ toAddress: 'one@example.org', consentKind: 'IMPACT_REPORTS', status: 'PENDING', props: input.props });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: ids.get('batch:2')! } })).toMatchObject({
      locale: 'ar',
      consentKind: null,
    });
    // one send-email job drains every row (decision 036)
    const wake = { task_identifier: 'send-email', payload: {}, key: 'send-email', queue_name: 'send-email', max_attempts: 10 };
    expect(await jobs()).toEqual([wake]);
    // Again: nothing new.
    await enqueueEmails({ db, emails: [{ ...input, idempotencyKey: 'batch:1' }] });
    expect(await db.emailOutbox.count()).toBe(3);
    expect(await jobs()).toEqual([wake]);
  });
});
