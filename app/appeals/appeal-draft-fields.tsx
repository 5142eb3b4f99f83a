// The appeal draft form's shared pieces: a labelled text field with its hint and errors tied to it
// by aria-describedby, and the errors as sentences of `staff-appeal-composer`.
import { getInputProps, getTextareaProps, type FieldMetadata, type FormMetadata } from '@conform-to/react';
import { useTranslation } from 'react-i18next';

/** The draft form's values (Conform's default value shape). */
export type AppealDraftFormValue = {
  code?: string;
  goal?: string;
  segmentId?: string;
  fallbackLocale: string;
  texts: Partial<Record<string, { title?: string; subject?: string; preheader?: string; intro?: string }>>;
  block1?: string;
  block2?: string;
  block3?: string;
  block4?: string;
  variants?: Partial<Record<string, { b?: string; c?: string }>>;
  testSample?: string;
  testMetric?: string;
  testWait?: string;
  testWaitUnit?: string;
};

/** The draft form's fields, as useForm gives them. */
export type AppealDraftFields = ReturnType<FormMetadata<AppealDraftFormValue, string[]>['getFieldset']>;

export function useErrorText() {
  const { t } = useTranslation('staff-appeal-composer');
  return (message: string) => {
    const key = message.startsWith('errors.') || message === 'notDraft' ? message : 'errors.invalid';
    return t(key, { defaultValue: t('errors.invalid') });
  };
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field__error">
      {[...new Set(errors)].map(text).join(' ')}
    </p>
  );
}

export function TextField({
  field,
  label,
  hint,
  multiline = false,
  lang,
  dir,
  maxLength,
  inputMode,
}: {
  field: FieldMetadata<string | undefined>;
  label: string;
  hint?: string;
  multiline?: boolean;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  maxLength?: number;
  inputMode?: 'numeric';
}) {
  const hintId = `${field.id}-hint`;
  const options = { ariaDescribedBy: hint ? hintId : undefined };
  const { key, ...props } = multiline ? getTextareaProps(field, options) : getInputProps(field, { ...options, type: 'text' });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea key={key} {...props} lang={lang} dir={dir} rows={8} maxLength={maxLength} />
      ) : (
        <input key={key} {...props} lang={lang} dir={dir} maxLength={maxLength} inputMode={inputMode} />
      )}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
