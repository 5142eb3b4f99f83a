// The send panel of /staff/appeals/:id: on a draft, "send now" or "send at" (a UTC time); once
// sent, the progress — queued, sent, failed, skipped and why, the rate, a progress bar — read again
// every few seconds from /staff/appeals/progress while anything may change; without JavaScript a
// plain link reloads the page. Cancel while the send runs.
import { useEffect, useState } from 'react';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '~/platform/format.ts';
import type { AppealSendProgress, SubjectTestProgress } from './appeal-send-progress.ts';

const POLL_MS = 2000;

export interface SendPanelData {
  isDraft: boolean;
  audience: string | null;
  progress: AppealSendProgress | null;
}

function useLiveProgress(appealId: string, initial: AppealSendProgress | null) {
  const [progress, setProgress] = useState(initial);
  useEffect(() => setProgress(initial), [initial]);
  const isActive = progress?.isActive ?? false;
  useEffect(() => {
    if (!isActive) return undefined;
    let isCurrent = true;
    const timer = setInterval(() => {
      fetch(`/staff/appeals/progress?appeal=${encodeURIComponent(appealId)}`, { headers: { Accept: 'application/json' } })
        .then((response) => (response.ok ? (response.json() as Promise<AppealSendProgress>) : null))
        .then((next) => {
          if (next && isCurrent) setProgress(next);
        })
        .catch(() => undefined); // the next tick tries again; the reload link always works
    }, POLL_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [appealId, isActive]);
  return progress;
}

/** Variant 0, 1, 2 … as the officer knows them: A, B, C … */
const variantName = (variant: number) => String.fromCharCode(65 + variant);

/** The A/B test's subjects with their sends, clicks and gifts so far, and the winner once decided. */
function SubjectTestTable({ test, winner, isWaiting }: { test: SubjectTestProgress; winner: number | null; isWaiting: boolean }) {
  const { t, i18n } = useTranslation('staff-appeal-send');
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <div className="stack">
      <p>{t(`test.by.${test.metric}`)}</p>
      {isWaiting && test.decideAt ? (
        <p>{t('test.decideAt', { at: `${formatDate(test.decideAt, i18n.language, { dateStyle: 'long', timeStyle: 'short' })} UTC` })}</p>
      ) : null}
      <div className="table-scroll">
        <table className="appeal-test-table">
          <caption>{t('test.variants')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('test.columns.variant')}</th>
              <th scope="col">{t('test.columns.text')}</th>
              <th scope="col">{t('test.columns.recipients')}</th>
              <th scope="col">{t('test.columns.sent')}</th>
              <th scope="col">{t('test.columns.clicked')}</th>
              <th scope="col">{t('test.columns.gave')}</th>
            </tr>
          </thead>
          <tbody>
            {test.variants.map((row) => (
              <tr key={row.variant} data-variant={variantName(row.variant)}>
                <th scope="row">
                  {row.variant === winner ? t('test.won', { variant: variantName(row.variant) }) : variantName(row.variant)}
                </th>
                <td dir="auto">{row.subject}</td>
                <td>{n(row.recipients)}</td>
                <td>{n(row.sent)}</td>
                <td>{n(row.clicked)}</td>
                <td>{n(row.gave)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {winner !== null ? <p className="field__hint">{t('test.restNote')}</p> : null}
    </div>
  );
}

function Progress({ appealId, progress }: { appealId: string; progress: AppealSendProgress }) {
  const { t, i18n } = useTranslation('staff-appeal-send');
  const n = (value: number) => formatNumber(value, i18n.language);
  const done = progress.sent + progress.failed + progress.skipped;
  const rows: [string, number][] = [
    [t('progress.queued'), progress.queued],
    [t('progress.sent'), progress.sent],
    [t('progress.failed'), progress.failed],
    [t('progress.skippedNoConsent'), progress.skippedNoConsent],
    [t('progress.skippedSuppressed'), progress.skippedSuppressed],
    [t('progress.skippedCancelled'), progress.skippedCancelled],
  ];
  return (
    <div className="stack">
      {progress.status === 'SCHEDULED' && progress.scheduledAt ? (
        <p>
          {t('progress.scheduledFor', {
            at: `${formatDate(progress.scheduledAt, i18n.language, { dateStyle: 'long', timeStyle: 'short' })} UTC`,
          })}
        </p>
      ) : null}
      <p id="send-progress-label">{t('progress.label', { done: n(done), total: n(progress.total) })}</p>
      <progress aria-labelledby="send-progress-label" value={done} max={Math.max(progress.total, 1)} />
      <dl className="appeal-send-counts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('progress.rate')}</dt>
          <dd>{t('progress.perSecond', { rate: formatNumber(progress.ratePerSecond, i18n.language, { maximumFractionDigits: 1 }) })}</dd>
        </div>
      </dl>
      {progress.testWinner !== null ? <p>{t('test.winner', { variant: variantName(progress.testWinner) })}</p> : null}
      {progress.subjectTest ? (
        <SubjectTestTable test={progress.subjectTest} winner={progress.testWinner} isWaiting={progress.isTestWaiting} />
      ) : null}
      {progress.isTestWaiting ? (
        <Form method="post" className="stack">
          <p>{t('test.waiting')}</p>
          <input type="hidden" name="intent" value="decide" />
          <p>
            <button type="submit" className="button">
              {t('test.decideNow')}
            </button>
          </p>
        </Form>
      ) : null}
      {progress.error ? <p role="alert">{t('progress.error', { error: progress.error })}</p> : null}
      {progress.isActive ? (
        <p>
          <a href={`/staff/appeals/${appealId}`}>{t('progress.reload')}</a>
        </p>
      ) : null}
    </div>
  );
}

export function AppealSendPanel({
  appealId,
  panel,
  outcome,
}: {
  appealId: string;
  panel: SendPanelData;
  /** The answer to the panel's last post */
  outcome: { kind: 'send-done' | 'send-refused'; message: string } | null;
}) {
  const { t } = useTranslation('staff-appeal-send');
  const progress = useLiveProgress(appealId, panel.progress);
  const canCancel =
    progress && (progress.status === 'SCHEDULED' || progress.status === 'SENDING' || (progress.status === 'SENT' && progress.queued > 0));
  return (
    <section className="stack" aria-labelledby="send-heading">
      <h2 id="send-heading">{t('heading')}</h2>
      {outcome?.kind === 'send-done' ? <p role="status">{outcome.message}</p> : null}
      {outcome?.kind === 'send-refused' ? <p role="alert">{outcome.message}</p> : null}
      {panel.isDraft ? (
        panel.audience ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="send" />
            <p>{panel.audience}</p>
            <fieldset className="stack">
              <legend>{t('when.legend')}</legend>
              <label>
                <input type="radio" name="when" value="now" defaultChecked /> {t('when.now')}
              </label>
              <label>
                <input type="radio" name="when" value="at" /> {t('when.at')}
              </label>
              <label className="field">
                <span>{t('when.atLabel')}</span>
                <input type="datetime-local" name="sendAt" />
              </label>
            </fieldset>
            <p className="field__hint">{t('frozenNote')}</p>
            <p>
              <button type="submit" className="button">
                {t('submit')}
              </button>
            </p>
          </Form>
        ) : (
          <p>{t('noSegment')}</p>
        )
      ) : progress ? (
        <>
          <Progress appealId={appealId} progress={progress} />
          {canCancel ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button button--secondary">
                {t('cancel')}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
