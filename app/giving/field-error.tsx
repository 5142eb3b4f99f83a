import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * The text of one form error. Schema messages are keys under give:errors.*; a message that is not
 * one of ours (a library default) gets the generic "check this field" text rather than English.
 */
export function errorText(t: TFunction, message: string): string {
  return message.startsWith('errors.') && t(message, { defaultValue: '' }) ? t(message) : t('errors.invalid');
}

/** A field's errors under it; the id is the one Conform puts in the control's aria-describedby. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation('give');
  if (!errors?.length) return null;
  return (
    <p id={id} className="field__error">
      {[...new Set(errors)].map((message) => errorText(t, message)).join(' ')}
    </p>
  );
}
