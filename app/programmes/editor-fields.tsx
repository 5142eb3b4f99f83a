// Form pieces of the programme officers' pages: a labelled field with its hint and errors, the
// six-language fieldset (each input carries `lang` and `dir`, Arabic right to left), and the
// form-level error. Errors are `programme-editor` keys (the schemas' messages).
import { getInputProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, locales, type Locale } from '~/platform/i18n.ts';

function useErrorText() {
  const { t } = useTranslation('programme-editor');
  return (message: string) => (message.startsWith('errors.') && t(message, { defaultValue: '' }) ? t(message) : t('errors.invalid'));
}

/**
 * The form's own errors (a command refused without a field), with a note that nothing was saved.
 * Field errors stay next to their fields: a summary that came and went with them would move the
 * submit button under the pointer as a field is left.
 */
export function FormErrors({ form }: { form: Pick<FormMetadata, 'errors' | 'errorId'> }) {
  const text = useErrorText();
  const { t } = useTranslation('programme-editor');
  if (!form.errors?.length) return null;
  return (
    <div id={form.errorId} className="form-error" role="alert">
      <p>{t('errors.formHeading')}</p>
      {form.errors?.map((error) => (
        <p key={error}>{text(error)}</p>
      ))}
    </div>
  );
}

export function FieldErrors({ field }: { field: FieldMetadata<unknown> }) {
  const text = useErrorText();
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field__error">
      {[...new Set(field.errors)].map(text).join(' ')}
    </p>
  );
}

type InputType = 'text' | 'date' | 'number';

/** A labelled input with an optional hint; `children` replaces the input (a select). */
export function Field({
  field,
  label,
  hint,
  type = 'text',
  children,
  inputMode,
  dir,
}: {
  field: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  type?: InputType;
  children?: ReactNode;
  inputMode?: 'decimal' | 'numeric';
  dir?: 'ltr' | 'rtl';
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getInputProps(field as FieldMetadata<string>, { type, ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children ?? <input key={key} {...props} inputMode={inputMode} dir={dir} />}
      <FieldErrors field={field} />
    </div>
  );
}

/** The form shape of a six-language text. */
type LocalizedShape = Partial<Record<Locale, string | null>> | null | undefined;

/** Six inputs (or text areas) for one text, English first and required; each in its own language and direction. */
export function LocalizedFields<FormSchema extends Record<string, unknown>>({
  field,
  label,
  multiline = false,
  hint,
}: {
  field: FieldMetadata<LocalizedShape, FormSchema, string[]>;
  label: string;
  multiline?: boolean;
  hint?: string;
}) {
  const { t } = useTranslation('programme-editor');
  const parts = field.getFieldset();
  return (
    <fieldset className="localized-fields">
      <legend>{t('languages.legend', { field: label })}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {locales.map((locale) => {
        const part = parts[locale];
        if (!part) return null;
        const common = { lang: locale, dir: directionOf(locale) };
        const { key, ...props } = multiline
          ? getTextareaProps(part as FieldMetadata<string>)
          : getInputProps(part as FieldMetadata<string>, { type: 'text' });
        return (
          <div className="field" key={locale}>
            <label htmlFor={part.id}>{t(`languages.${locale}`)}</label>
            {multiline ? <textarea key={key} {...props} {...common} rows={5} /> : <input key={key} {...props} {...common} />}
            <FieldErrors field={part} />
          </div>
        );
      })}
    </fieldset>
  );
}
