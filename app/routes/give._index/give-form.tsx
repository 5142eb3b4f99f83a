// The giving form: Conform with the one schema (app/giving/give-schema.ts) in the browser and in
// the action. Without JavaScript it is a plain POST and the server renders errors and values.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HONEYPOT_FIELD } from '~/giving/give-schema.ts';
import { formatMoney } from '~/platform/money.ts';
import { AmountFieldset, typedAmountMinor } from './amount-fieldset.tsx';
import { DonorFieldset } from './donor-fieldset.tsx';
import { EarmarkFieldset } from './earmark-fieldset.tsx';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { ExtrasFieldsets } from './extras-fieldsets.tsx';
import type { GivePageData } from './give-page.server.ts';
import { FrequencyFieldset, MethodFieldset } from './schedule-fieldsets.tsx';
import { useHydrated } from '~/ui/use-hydrated.ts';
import { useGiveForm, type LiveValues } from './use-give-form.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

// Summary order follows the page; radio groups link to their first option.
const SUMMARY_ORDER = [
  'amount',
  'currency',
  'frequency',
  'instalmentCount',
  'firstDueOn',
  'intervalMonths',
  'method',
  'earmark',
  'programme',
  'project',
  'appeal',
  'donorType',
  'organisationName',
  'organisationId',
  'givenName',
  'familyName',
  'email',
  'countryCode',
  'isAnonymous',
  'dedication',
  'coversFee',
  'consentImpactReports',
  'consentAppeals',
  HONEYPOT_FIELD,
] as const;
const FIRST_OPTION: Record<string, string> = { frequency: 'once', method: 'card', earmark: 'general', donorType: 'individual' };
const LABEL_KEYS: Record<string, string> = {
  amount: 'amount.label',
  currency: 'amount.currency',
  frequency: 'frequency.legend',
  instalmentCount: 'instalments.count',
  firstDueOn: 'instalments.firstDueOn',
  intervalMonths: 'instalments.interval',
  method: 'method.legend',
  earmark: 'earmark.legend',
  programme: 'earmark.programmeSelect',
  project: 'earmark.projectSelect',
  appeal: 'appeal.label',
  donorType: 'donor.type',
  organisationName: 'donor.organisationName',
  organisationId: 'donor.organisationId',
  givenName: 'donor.givenName',
  familyName: 'donor.familyName',
  email: 'donor.email',
  countryCode: 'donor.country',
  isAnonymous: 'donor.anonymous',
  dedication: 'extras.dedication',
  coversFee: 'fee.short',
  consentImpactReports: 'consent.impactReportsShort',
  consentAppeals: 'consent.appealsShort',
};

/**
 * The button states the gift ("Give $50.00 every month") once the page runs in the browser and
 * the amount is valid; before that, and without JavaScript, where the server cannot follow what is
 * typed, it is the plain "Continue".
 */
function submitLabel(t: (key: string, options?: Record<string, string>) => string, live: LiveValues, locale: string): string {
  const minor = live.hydrated && live.currency ? typedAmountMinor(live.amount, live.currency) : null;
  if (minor === null || minor <= 0n || !live.currency) return t('submit');
  const amount = formatMoney(minor, live.currency, locale);
  if (live.frequency === 'monthly') return t('submitGift.monthly', { amount });
  if (live.frequency === 'instalments') return t('submitGift.instalments', { amount });
  return t('submitGift.once', { amount });
}

export function GiveForm({ page, lastResult }: { page: GivePageData; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, i18n } = useTranslation('give');
  const [form, fields] = useGiveForm(page, lastResult);
  const hydrated = useHydrated();
  // Conform re-renders a component for the form state it read during its own render. Reading
  // here what the sections show (the values they react to, every error) keeps this component,
  // and with it every section, in step with the form.
  const live: LiveValues = {
    hydrated,
    currency: text(fields.currency.value),
    amount: text(fields.amount.value),
    frequency: text(fields.frequency.value),
    earmark: text(fields.earmark.value),
    donorType: text(fields.donorType.value),
  };
  const allErrors = form.allErrors;
  const navigation = useNavigation();
  const isSubmitting = navigation.state === 'submitting' && navigation.formMethod === 'POST';

  // The summary appears after a submit (not while typing) and takes focus after every failed one.
  const summaryRef = useRef<HTMLDivElement>(null);
  const [submitted, setSubmitted] = useState(false);
  const focusSummary = useRef(false);
  useEffect(() => {
    if (lastResult?.status === 'error') focusSummary.current = true;
  }, [lastResult]);
  useEffect(() => {
    if (focusSummary.current && summaryRef.current) {
      focusSummary.current = false;
      summaryRef.current.focus();
    }
  });

  const formProps = getFormProps(form);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    formProps.onSubmit(event);
    // Conform cancels the submit when the browser-side check fails.
    if (event.defaultPrevented) {
      setSubmitted(true);
      focusSummary.current = true;
    }
  }

  const items: SummaryItem[] = [];
  if (submitted || lastResult?.status === 'error') {
    if (form.errors?.length) items.push({ messages: form.errors });
    for (const name of SUMMARY_ORDER) {
      const messages = allErrors[name];
      // The honeypot's own error repeats the form-level one the action adds; people never see the field.
      if (!messages?.length || (name === HONEYPOT_FIELD && form.errors?.length)) continue;
      const labelKey = LABEL_KEYS[name];
      const field = fields[name];
      const firstOption = FIRST_OPTION[name];
      const hidden = name === HONEYPOT_FIELD || name === 'appeal';
      items.push({
        label: labelKey ? t(labelKey) : undefined,
        targetId: hidden ? undefined : firstOption ? `${field.id}-${firstOption}` : field.id,
        messages,
      });
    }
  }

  const { key: appealKey, ...appealProps } = getInputProps(fields.appeal, { type: 'hidden' });
  return (
    <Form method="post" className="give-form" {...formProps} onSubmit={onSubmit}>
      <ErrorSummary items={items} summaryRef={summaryRef} autoFocus />
      {page.appeal ? (
        <p className="give-appeal">
          {t('appeal.notice', { title: page.appeal.title })}
          <input key={appealKey} {...appealProps} />
        </p>
      ) : null}
      <AmountFieldset form={form} fields={fields} live={live} currencies={page.currencies} />
      <FrequencyFieldset fields={fields} live={live} today={page.today} />
      <MethodFieldset fields={fields} />
      <EarmarkFieldset fields={fields} live={live} programmes={page.programmes} projects={page.projects} focusTitle={page.focus?.title} />
      <DonorFieldset fields={fields} live={live} countries={page.countries} />
      <ExtrasFieldsets fields={fields} live={live} />
      <div className="visually-hidden">
        <label htmlFor="give-website">{t('honeypot')}</label>
        <input id="give-website" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p className="hint">{t('submitHint')}</p>
      <button type="submit" className="button button--large" disabled={isSubmitting}>
        {isSubmitting ? t('submitting') : submitLabel(t, live, i18n.language)}
      </button>
    </Form>
  );
}
