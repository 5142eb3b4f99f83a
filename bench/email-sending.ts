// npm run bench:email-sending — how close the outbox comes to Resend's ceiling (docs/decisions/036):
// EMAILS (default 20,000) cheap-to-render emails queued in a fresh database on BENCH_SERVER_URL
// (dropped at the end), then sent by graphile-worker's send-email job through the Resend fake at
// Resend's default 2 requests/s × 100 emails per batch = 200 emails/s. Prints the queueing time,
// the sending rate against that ceiling, the fake's counts (429s), and how long a sign-in link
// queued in the middle of the run waited. Other sessions share this machine: figures vary.
import { randomBytes } from 'node:crypto';
import { run, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { applyMigrations, ensureDatabase } from '../app/platform/database/migrations.server.ts';
import { startResendFake } from '../tests/fakes/resend.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const total = Number(process.env.EMAILS ?? 20_000);
const ratePerSecond = 2;
const ceiling = ratePerSecond * 100;
const name = `portal_bench_email_${randomBytes(4).toString('hex')}`;
const url = `${serverUrl}/${name}`;

const fake = await startResendFake({ rateLimitPerSecond: ratePerSecond });
process.env.RESEND_BASE_URL = fake.url;
process.env.RESEND_API_KEY = 're_bench';
process.env.RESEND_RATE_LIMIT_PER_SECOND = String(ratePerSecond);

await ensureDatabase(url);
try {
  await applyMigrations(url);
  await runMigrations({ connectionString: url, logger: undefined });
  process.env.DATABASE_URL = url;
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { enqueueEmail, queueOutboxDrain } = await import('../app/platform/email/outbox.server.ts');
  const { createSendEmailTask } = await import('../app/platform/email/send-email-task.server.ts');
  const db = getPrisma();

  // Cheap to render, so the figure is the sending path's (claim, call, record), not react-email's.
  const renderer = {
    render: async ({ props }: { props: unknown }) => {
      const { n } = props as { n: number };
      return { subject: `Bench ${n}`, html: `<p>Email ${n}</p>`, text: `Email ${n}` };
    },
    redactAfterSend: () => undefined,
  };

  // Impact-report-like mail: each to a donor who consents (checked per batch at send time).
  // Queued as rows in bulk plus one wake-up (what a bulk producer does); enqueueEmail's per-row
  // cost is not what this measures.
  const queueStarted = performance.now();
  for (let start = 0; start < total; start += 1000) {
    const ns = Array.from({ length: Math.min(1000, total - start) }, (_, i) => start + i);
    const donors = await db.donor.createManyAndReturn({
      data: ns.map((n) => ({ type: 'INDIVIDUAL' as const, displayName: `Donor ${n}`, email: `donor-${n}@example.org` })),
      select: { id: true, email: true },
    });
    await db.donorConsent.createMany({
      data: donors.map((donor) => ({
        donorId: donor.id,
        kind: 'IMPACT_REPORTS' as const,
        isGranted: true,
        wording: 'Email me impact reports',
        locale: 'en',
        source: 'bench',
      })),
    });
    await db.emailOutbox.createMany({
      data: donors.map((donor, i) => ({
        template: 'bench',
        toAddress: donor.email!,
        locale: 'en',
        props: { n: start + i },
        idempotencyKey: `bench:${start + i}`,
        donorId: donor.id,
        consentKind: 'IMPACT_REPORTS' as const,
      })),
    });
  }
  await queueOutboxDrain({ db });
  const queueMs = performance.now() - queueStarted;

  const sendStarted = performance.now();
  const runner = await run({
    connectionString: url,
    concurrency: 2,
    taskList: { 'send-email': createSendEmailTask(renderer) },
    noHandleSignals: true,
    logger: undefined,
  });
  const pendingCount = () => db.emailOutbox.count({ where: { status: 'PENDING' } });
  let linkId: string | null = null;
  for (;;) {
    const pending = await pendingCount();
    if (linkId === null && pending <= total / 2) {
      // A sign-in link in the middle of the run: transactional mail goes into the next batch.
      linkId = (
        await enqueueEmail({ db, template: 'bench', to: 'staff@example.org', locale: 'en', props: { n: -1 }, idempotencyKey: 'bench:link' })
      ).id;
    }
    if (pending === 0 && linkId !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const sendMs = performance.now() - sendStarted;
  await runner.stop();

  const statuses = await db.emailOutbox.groupBy({ by: ['status'], _count: true });
  const link = await db.emailOutbox.findUniqueOrThrow({ where: { id: linkId! } });
  const sentRows = await db.emailOutbox.aggregate({ _min: { sentAt: true }, _max: { sentAt: true }, where: { status: 'SENT' } });
  const firstToLastMs = sentRows._max.sentAt!.getTime() - sentRows._min.sentAt!.getTime();
  const counts = fake.counts();
  const sent = total + 1;
  const rate = sent / (sendMs / 1000);
  // Between the first and the last batch recorded: the steady rate, without the worker's start-up.
  const steadyRate = (sent - 100) / (firstToLastMs / 1000);
  console.log(
    JSON.stringify(
      {
        emails: sent,
        queueMs: Math.round(queueMs),
        queueMsPerEmail: Number((queueMs / total).toFixed(3)),
        sendSeconds: Number((sendMs / 1000).toFixed(1)),
        emailsPerSecond: Number(rate.toFixed(1)),
        ceilingPerSecond: ceiling,
        ofCeiling: `${((rate / ceiling) * 100).toFixed(1)} %`,
        steadyEmailsPerSecond: Number(steadyRate.toFixed(1)),
        steadyOfCeiling: `${((steadyRate / ceiling) * 100).toFixed(1)} %`,
        batchCalls: counts.batches,
        rateLimited429: counts.rateLimited,
        fakeMessages: fake.messages().length,
        statuses: Object.fromEntries(statuses.map((row) => [row.status, row._count])),
        signInLinkWaitMs: link.sentAt!.getTime() - link.createdAt.getTime(),
      },
      null,
      2,
    ),
  );
  await disconnectPrisma();
} finally {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await fake.close();
}
