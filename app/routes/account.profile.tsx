// /account/profile (issue #14 item 6): the signed-in donor's name, organisation and tax number,
// country, public display, language, impact report frequency and consents, in one form that works
// without JavaScript. The fields, labels and rules are the give form's (and the frequency choice
// the signed preferences page's); saving goes through app/account/profile-commands.server.ts.
// The email address is not changed here (the page says so).
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireDonor } from '~/account/account-auth.server.ts';
import { saveOwnProfile } from '~/account/profile-commands.server.ts';
import { getOwnProfile } from '~/account/profile-queries.server.ts';
import { profileSchema } from '~/account/profile-schema.ts';
import { listCountries } from '~/giving/countries.server.ts';
import { FieldError } from '~/giving/field-error.tsx';
import { reportFrequencies } from '~/ledger/report-frequency.ts';
import { getT, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';
import { locales } from '~/platform/i18n.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';
import { ErrorPage } from '~/ui/error-page.tsx';
import { languageNames } from '~/ui/language-switcher.tsx';

export async function loader({ request }: LoaderFunctionArgs) {
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const profile = await getOwnProfile({ donorId: donor.id });
  if (!profile) throw new Response('Not found', { status: 404 });
  return data({
    title: pageTitle(locale, getT(locale, 'account-profile')('title')),
    email: profile.email,
    values: profile.values,
    countries: listCountries(locale),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const donor = await requireDonor(request);
  const { locale } = resolveLocale(request);
  const outcome = await saveOwnProfile({ donor, formData: await request.formData(), locale });
  if (!outcome.ok) return data({ result: outcome.result, saved: false as const, changed: false }, { status: outcome.status });
  return data({ result: outcome.result, saved: true, changed: outcome.changed });
}

// Personal: never cached by a shared cache, never indexed.
export const headers: HeadersFunction = () => ({ 'Cache-Control': 'private, no-store' });

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [{ title: page?.title }, { name: 'robots', content: 'noindex' }];

function TextField({
  field,
  label,
  hint,
  autoComplete,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: 'text', ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input key={key} {...props} autoComplete={autoComplete} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Checkbox({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: 'checkbox', ariaDescribedBy: hintId });
  return (
    <div className="choice">
      {/* Optional: Conform marks every field of a piped schema required, which would block an unticked box. */}
      <input key={key} {...props} required={false} />
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="choice__hint hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

function Radios({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string | undefined>;
  legend: string;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset className="give-choices" aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => {
        const { key, ...props } = getInputProps(field, { type: 'radio', value: option.value });
        return (
          <div key={option.value} className="choice">
            <input key={key} {...props} id={`${field.id}-${option.value}`} />
            <label htmlFor={`${field.id}-${option.value}`}>{option.label}</label>
          </div>
        );
      })}
      <FieldError id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export default function AccountProfile() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation(['account-profile', 'give', 'email-preferences']);
  const [form, fields] = useForm({
    id: 'profile',
    lastResult: actionData?.result,
    defaultValue: page.values,
    constraint: getZodConstraint(profileSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const { key: countryKey, ...countryProps } = getSelectProps(fields.countryCode);
  const { key: localeKey, ...localeProps } = getSelectProps(fields.locale);
  return (
    <section className="account-page" aria-labelledby="profile-title">
      <p>
        <Link to="/account">{t('back')}</Link>
      </p>
      <h1 id="profile-title">{t('title')}</h1>
      <p>{t('intro')}</p>
      {actionData?.saved ? <p role="status">{actionData.changed ? t('saved') : t('unchanged')}</p> : null}
      <Form method="post" className="auth-form" {...getFormProps(form)}>
        {form.errors?.length ? (
          <div id={form.errorId} className="form-error" role="alert">
            {form.errors.map((error) => (
              <p key={error}>{t(error)}</p>
            ))}
          </div>
        ) : null}
        {actionData && !actionData.saved && !form.errors?.length ? (
          <p className="form-error" role="alert">
            {t('errors.checkFields')}
          </p>
        ) : null}
        <fieldset className="give-fieldset">
          <legend>{t('details.legend')}</legend>
          {page.values.donorType ? (
            <Radios
              field={fields.donorType}
              legend={t('give:donor.type')}
              options={[
                { value: 'individual', label: t('give:donor.individual') },
                { value: 'company', label: t('give:donor.company') },
                { value: 'foundation', label: t('give:donor.foundation') },
              ]}
            />
          ) : null}
          <TextField
            field={fields.organisationName}
            label={t('give:donor.organisationName')}
            hint={t('give:donor.organisationOnly')}
            autoComplete="organization"
          />
          <TextField field={fields.organisationId} label={t('give:donor.organisationId')} hint={t('give:donor.organisationIdHint')} />
          <TextField field={fields.givenName} label={t('give:donor.givenName')} autoComplete="given-name" />
          <TextField field={fields.familyName} label={t('give:donor.familyName')} autoComplete="family-name" />
          <div className="field">
            <label htmlFor={fields.countryCode.id}>{t('give:donor.country')}</label>
            <select key={countryKey} {...countryProps} autoComplete="country">
              <option value="">{t('give:donor.countryNone')}</option>
              {page.countries.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </select>
            <FieldError id={fields.countryCode.errorId} errors={fields.countryCode.errors} />
          </div>
          <div className="field">
            <p className="field__label">{t('email.label')}</p>
            <p>{page.email}</p>
            <p className="hint">{t('email.notHere')}</p>
          </div>
        </fieldset>
        <fieldset className="give-fieldset">
          <legend>{t('display.legend')}</legend>
          <Checkbox field={fields.isAnonymous} label={t('give:donor.anonymous')} hint={t('give:donor.anonymousHint')} />
        </fieldset>
        <fieldset className="give-fieldset">
          <legend>{t('language.legend')}</legend>
          <div className="field">
            <label htmlFor={fields.locale.id}>{t('language.label')}</label>
            <select key={localeKey} {...localeProps} aria-describedby={`${fields.locale.id}-hint`}>
              {locales.map((locale) => (
                <option key={locale} value={locale} lang={locale}>
                  {languageNames[locale]}
                </option>
              ))}
            </select>
            <p id={`${fields.locale.id}-hint`} className="hint">
              {t('language.hint')}
            </p>
            <FieldError id={fields.locale.errorId} errors={fields.locale.errors} />
          </div>
        </fieldset>
        <fieldset className="give-fieldset">
          <legend>{t('email-preferences:preferences.title')}</legend>
          <Radios
            field={fields.reportFrequency}
            legend={t('email-preferences:preferences.legend')}
            options={reportFrequencies.map((frequency) => ({
              value: frequency,
              label: t(`email-preferences:preferences.frequency.${frequency}`),
            }))}
          />
          <p className="hint">{t('email-preferences:preferences.receipts')}</p>
        </fieldset>
        <fieldset className="give-fieldset" aria-describedby="profile-consent-hint">
          <legend>{t('give:consent.legend')}</legend>
          <p id="profile-consent-hint" className="hint">
            {t('give:consent.hint')}
          </p>
          <Checkbox field={fields.consentImpactReports} label={t('give:consent.impactReports')} />
          <Checkbox field={fields.consentAppeals} label={t('give:consent.appeals')} />
        </fieldset>
        <button type="submit" className="button">
          {t('save')}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
