// Donor form controls that the give form and the donor's profile page share: an optional
// checkbox and the country list, each with its error under it.
import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react';
import { FieldError } from './field-error.tsx';

/** An optional checkbox with its label and an optional hint. */
export function Checkbox({ field, label, hint }: { field: FieldMetadata<unknown>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const { key, ...props } = getInputProps(field, { type: 'checkbox', ariaDescribedBy: hintId });
  return (
    <div className="choice">
      {/* Optional: Conform marks every field of a piped schema required, which would block an unticked box without JavaScript. */}
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

/** The donor's country: a list of `countries` (code, name in the page's language) after a "none" choice. */
export function CountrySelect({
  field,
  label,
  noneLabel,
  countries,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  noneLabel: string;
  countries: readonly { code: string; name: string }[];
}) {
  const { key, ...props } = getSelectProps(field);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select key={key} {...props} autoComplete="country">
        <option value="">{noneLabel}</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </select>
      <FieldError id={field.errorId} errors={field.errors} />
    </div>
  );
}
