// The sign-in page of staff (/login) and of donors (/account/sign-in): one email field that asks
// for a single-use link, a honeypot field only bots fill, and the same "check your email" answer
// whatever the address, so the form tells nobody who has an account. The words come from the
// caller's namespace: `<prefix>.title|intro|honeypotLabel|emailLabel|submit`, `checkEmail.*`, and
// the schema's error keys.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { Form, Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type * as z from 'zod/mini';

/** What the sign-in action answers: a form result, or the address a link was (or would be) sent to. */
export interface SignInActionData {
  result: SubmissionResult<string[]> | undefined;
  sentTo: string | null;
  minutes: number;
}

export function EmailLinkSignIn({
  formId,
  namespace,
  prefix,
  schema,
  honeypotField,
  actionData,
  againTo,
  notice,
  hiddenFields,
}: {
  formId: string;
  namespace: string;
  prefix: string;
  schema: z.ZodMiniType;
  honeypotField: string;
  actionData: SignInActionData | undefined;
  /** Where "ask for another link" leads */
  againTo: string;
  /** A status line above the intro (e.g. "You are signed out") */
  notice?: string | null;
  hiddenFields?: ReactNode;
}) {
  const { t } = useTranslation(namespace);
  const [form, fields] = useForm({
    id: formId,
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  if (actionData?.sentTo) {
    return (
      <section className="message-page" aria-labelledby="check-email-title">
        <h1 id="check-email-title">{t('checkEmail.title')}</h1>
        <p role="status">{t('checkEmail.body', { email: actionData.sentTo })}</p>
        <p>{t('checkEmail.expiry', { minutes: actionData.minutes })}</p>
        <p>
          <Link to={againTo}>{t('checkEmail.again')}</Link>
        </p>
      </section>
    );
  }

  const titleId = `${formId}-title`;
  const { key: emailKey, ...emailProps } = getInputProps(fields.email, { type: 'email' });
  return (
    <section className="auth-page" aria-labelledby={titleId}>
      <h1 id={titleId}>{t(`${prefix}.title`)}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>{t(`${prefix}.intro`)}</p>
      <Form method="post" className="auth-form" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error)}</p>
            ))}
          </div>
        ) : null}
        {hiddenFields}
        <div hidden>
          <label>
            {t(`${prefix}.honeypotLabel`)}
            <input type="text" name={honeypotField} tabIndex={-1} autoComplete="off" />
          </label>
        </div>
        <div className="field">
          <label htmlFor={fields.email.id}>{t(`${prefix}.emailLabel`)}</label>
          <input key={emailKey} {...emailProps} autoComplete="email" spellCheck={false} />
          {fields.email.errors?.length ? (
            <p id={fields.email.errorId} className="field__error">
              {fields.email.errors.map((error) => t(error)).join(' ')}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {t(`${prefix}.submit`)}
        </button>
      </Form>
    </section>
  );
}

/**
 * Where the emailed link lands: a button that signs in (a POST, so mail scanners and link
 * previewers that fetch the link use nothing up), or, for a used or expired link, a way to ask for
 * a new one. Words: `verify.*` of the caller's namespace.
 */
export function SignInLinkConfirm({
  namespace,
  token,
  isUsable,
  requestNewTo,
}: {
  namespace: string;
  token: string;
  /** False for an unknown, used or expired link, or when the POST found it so */
  isUsable: boolean;
  requestNewTo: string;
}) {
  const { t } = useTranslation(namespace);
  if (!isUsable) {
    return (
      <section className="message-page" aria-labelledby="verify-title">
        <h1 id="verify-title">{t('verify.invalidTitle')}</h1>
        <p>{t('verify.invalidBody')}</p>
        <p>
          <Link to={requestNewTo} className="button">
            {t('verify.requestNew')}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <section className="message-page" aria-labelledby="verify-title">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p>{t('verify.body')}</p>
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button">
          {t('verify.submit')}
        </button>
      </Form>
    </section>
  );
}
