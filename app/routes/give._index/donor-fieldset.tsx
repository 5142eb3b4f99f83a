// Who gives: an individual, a company or a foundation (with the organisation's name and
// registration number), names, email, country, and whether the name may be shown publicly.
import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import type { CountryOption } from '~/giving/countries.server.ts';
import { FieldError } from '~/giving/field-error.tsx';
import type { GiveFields, LiveValues } from './use-give-form.ts';
import { RadioFieldset } from './radio-fieldset.tsx';

function TextField({
  field,
  label,
  hint,
  type = 'text',
  autoComplete,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  type?: 'text' | 'email';
  autoComplete?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input key={key} {...props} autoComplete={autoComplete} spellCheck={type === 'email' ? false : undefined} />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function DonorFieldset({ fields, live, countries }: { fields: GiveFields; live: LiveValues; countries: CountryOption[] }) {
  const { t } = useTranslation('give');
  const { hydrated } = live;
  const isOrganisation = live.donorType === 'company' || live.donorType === 'foundation';
  const { key: countryKey, ...countryProps } = getSelectProps(fields.countryCode);
  const { key: anonymousKey, ...anonymousProps } = getInputProps(fields.isAnonymous, {
    type: 'checkbox',
    ariaDescribedBy: `${fields.isAnonymous.id}-hint`,
  });
  return (
    <fieldset className="give-fieldset">
      <legend>{t('donor.legend')}</legend>
      <RadioFieldset
        field={fields.donorType}
        legend={t('donor.type')}
        options={[
          { value: 'individual', label: t('donor.individual') },
          { value: 'company', label: t('donor.company') },
          { value: 'foundation', label: t('donor.foundation') },
        ]}
      >
        <div className="give-conditional" hidden={hydrated && !isOrganisation}>
          <TextField
            field={fields.organisationName}
            label={t('donor.organisationName')}
            hint={hydrated ? undefined : t('donor.organisationOnly')}
            autoComplete="organization"
          />
          <TextField field={fields.organisationId} label={t('donor.organisationId')} hint={t('donor.organisationIdHint')} />
        </div>
      </RadioFieldset>
      <TextField field={fields.givenName} label={t('donor.givenName')} autoComplete="given-name" />
      <TextField field={fields.familyName} label={t('donor.familyName')} autoComplete="family-name" />
      <TextField field={fields.email} label={t('donor.email')} hint={t('donor.emailHint')} type="email" autoComplete="email" />
      <div className="field">
        <label htmlFor={fields.countryCode.id}>{t('donor.country')}</label>
        <select key={countryKey} {...countryProps} autoComplete="country">
          <option value="">{t('donor.countryNone')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </select>
        <FieldError id={fields.countryCode.errorId} errors={fields.countryCode.errors} />
      </div>
      <div className="choice">
        {/* Optional (see extras-fieldsets.tsx: Conform would mark it required). */}
        <input key={anonymousKey} {...anonymousProps} required={false} />
        <label htmlFor={fields.isAnonymous.id}>{t('donor.anonymous')}</label>
        <p id={`${fields.isAnonymous.id}-hint`} className="choice__hint hint">
          {t('donor.anonymousHint')}
        </p>
      </div>
    </fieldset>
  );
}
