// One instalment's "write off" form inside a disclosure: closed, it is a single keyboard-reachable
// summary; open, a required reason and a submit button. A plain POST: it works without JavaScript.
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { REASON_MAX, REASON_MIN } from './write-off-schema.ts';

export function WriteOffForm({
  instalmentId,
  requestKey,
  label,
  error,
}: {
  instalmentId: string;
  requestKey: string;
  /** Which instalment, in words (the disclosure's and the form's accessible name). */
  label: string;
  error?: string | null;
}) {
  const { t } = useTranslation('instalments');
  const reasonId = `write-off-reason-${instalmentId}`;
  const errorId = `write-off-error-${instalmentId}`;
  return (
    <details open={Boolean(error)}>
      <summary>{t('form.open')}</summary>
      <Form method="post" aria-label={t('form.label', { what: label })} className="stack">
        <input type="hidden" name="intent" value="write-off" />
        <input type="hidden" name="instalmentId" value={instalmentId} />
        <input type="hidden" name="requestKey" value={requestKey} />
        <p>{t('form.help', { what: label })}</p>
        {error ? (
          <p id={errorId} role="alert">
            {error}
          </p>
        ) : null}
        <p>
          <label htmlFor={reasonId}>{t('form.reason')}</label>
          <textarea
            id={reasonId}
            name="reason"
            required
            minLength={REASON_MIN}
            maxLength={REASON_MAX}
            rows={2}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </p>
        <button type="submit" className="button button--secondary">
          {t('form.submit')}
        </button>
      </Form>
    </details>
  );
}
