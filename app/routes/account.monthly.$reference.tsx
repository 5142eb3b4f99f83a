// /account/monthly/:reference: the signed-in donor's own monthly gift — change the amount, pause,
// resume, cancel, update the card (docs/decisions/043). Each form asks Stripe; nothing changes
// here until Stripe's webhook says it happened, and the donor is emailed then. Another donor's
// gift, or none: 404.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { buildMonthlyGiftPage, runMonthlyGiftAction } from '~/giving/monthly-gift-page.server.ts';
import { createMonthlyGiftSchema } from '~/giving/monthly-gift-schema.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const requested = new URL(request.url).searchParams.get('requested');
  return data(await buildMonthlyGiftPage({ donorId: donor.id, reference: params.reference ?? '', locale, requested }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const donor = await requireDonor(request);
  const answer = await runMonthlyGiftAction({
    donorId: donor.id,
    reference: params.reference ?? '',
    formData: await request.formData(),
    locale: resolveLocale(request).locale,
  });
  if (answer.kind === 'redirect') throw redirect(answer.to);
  return data({ intent: answer.intent, result: answer.result, error: answer.error }, { status: answer.status });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

function FormError({ id, message }: { id: string; message: string | null | undefined }) {
  const { t } = useTranslation('monthly');
  if (!message) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {t(message)}
    </p>
  );
}

/** One change to the gift: a heading, what it does, and a form that posts its intent. */
function IntentForm(props: {
  intent: 'resume' | 'pause' | 'card' | 'cancel';
  title: string;
  intro: string;
  submit: string;
  error: string | null | undefined;
  busy: boolean;
  secondary?: boolean;
  children?: React.ReactNode;
}) {
  const { intent } = props;
  return (
    <>
      <h2 id={`${intent}-heading`}>{props.title}</h2>
      <p>{props.intro}</p>
      <Form method="post" aria-labelledby={`${intent}-heading`}>
        <input type="hidden" name="intent" value={intent} />
        <FormError id={`${intent}-error`} message={props.error} />
        {props.children}
        <button type="submit" className={props.secondary ? 'button button--secondary' : 'button'} disabled={props.busy}>
          {props.submit}
        </button>
      </Form>
    </>
  );
}

export default function MonthlyGift() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const { t } = useTranslation('monthly');
  const schema = useMemo(() => createMonthlyGiftSchema(page.currency), [page.currency]);
  const [amountForm, amountFields] = useForm({
    id: 'monthly-amount',
    lastResult: actionData?.intent === 'amount' ? actionData.result : undefined,
    shouldValidate: 'onBlur',
    // Once shown, an error goes as the donor types (not on blur: the button would move under their click).
    shouldRevalidate: 'onInput',
    defaultValue: { amount: page.giftAmount },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const errorFor = (intent: string) => (actionData?.intent === intent ? actionData.error : null);
  const { key: amountKey, ...amountProps } = getInputProps(amountFields.amount, { type: 'text' });
  const live = page.state !== 'cancelled' && page.state !== 'incomplete';
  return (
    <section className="account-page" aria-labelledby="monthly-title">
      <p>
        <Link to="/account">{t('page.back')}</Link>
      </p>
      <h1 id="monthly-title">{t('page.heading')}</h1>
      {page.requested ? (
        <p className="note" role="status">
          {t(`requested.${page.requested}`)}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t('page.amount')}</dt>
          <dd>
            {page.amount}
            {page.coversFee ? ` ${t('page.includesFee')}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('page.status')}</dt>
          <dd>{t(`state.${page.state}`)}</dd>
        </div>
        <div>
          <dt>{t('page.next')}</dt>
          <dd>
            {page.next
              ? t('page.nextPayment', { date: page.next.on, amount: page.next.amount })
              : page.state === 'paused'
                ? t('page.nextPaused')
                : t('page.nextNone')}
          </dd>
        </div>
        <div>
          <dt>{t('page.earmark')}</dt>
          <dd>{page.earmark}</dd>
        </div>
        <div>
          <dt>{t('page.started')}</dt>
          <dd>{page.startedOn}</dd>
        </div>
        <div>
          <dt>{t('page.reference')}</dt>
          <dd>{page.reference}</dd>
        </div>
      </dl>
      <p>{t('page.webhookNote')}</p>

      {live ? (
        <>
          <h2 id="amount-heading">{t('amount.heading')}</h2>
          <Form method="post" aria-labelledby="amount-heading" {...getFormProps(amountForm)}>
            <input type="hidden" name="intent" value="amount" />
            <div className="field">
              <label htmlFor={amountFields.amount.id}>{t('amount.label', { currency: page.currency })}</label>
              <p id={`${amountFields.amount.id}-hint`} className="field__hint">
                {page.coversFee ? t('amount.hintFee') : t('amount.hint')}
              </p>
              <input
                key={amountKey}
                {...amountProps}
                inputMode="decimal"
                autoComplete="off"
                aria-describedby={[
                  `${amountFields.amount.id}-hint`,
                  amountFields.amount.errors?.length ? amountFields.amount.errorId : null,
                ]
                  .filter(Boolean)
                  .join(' ')}
              />
              {amountFields.amount.errors?.length ? (
                <p id={amountFields.amount.errorId} className="field__error" role="alert">
                  {amountFields.amount.errors.map((error) => t(error)).join(' ')}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t('amount.submit')}
            </button>
          </Form>

          {page.state === 'paused' ? (
            <IntentForm
              intent="resume"
              title={t('resume.heading')}
              intro={t('resume.intro')}
              submit={t('resume.submit')}
              error={errorFor('resume')}
              busy={busy}
            />
          ) : (
            <IntentForm
              intent="pause"
              title={t('pause.heading')}
              intro={t('pause.intro')}
              submit={t('pause.submit')}
              error={errorFor('pause')}
              busy={busy}
              secondary
            />
          )}

          <IntentForm
            intent="card"
            title={t('card.heading')}
            intro={t('card.intro')}
            submit={t('card.submit')}
            error={errorFor('card')}
            busy={busy}
            secondary
          />

          <IntentForm
            intent="cancel"
            title={t('cancel.heading')}
            intro={t('cancel.intro')}
            submit={t('cancel.submit')}
            error={errorFor('cancel')}
            busy={busy}
            secondary
          >
            <div className="field choice">
              <input
                type="checkbox"
                id="cancel-confirm"
                name="confirm"
                value="yes"
                aria-describedby={errorFor('cancel') ? 'cancel-error' : undefined}
              />
              <label htmlFor="cancel-confirm">{t('cancel.confirm')}</label>
            </div>
          </IntentForm>
        </>
      ) : (
        <p>{page.state === 'cancelled' ? t('page.endedNote') : t('page.incompleteNote')}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
