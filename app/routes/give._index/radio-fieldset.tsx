import { getCollectionProps, type FieldMetadata } from '@conform-to/react';
import type { ReactNode } from 'react';
import { FieldError } from '~/giving/field-error.tsx';

export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
}

/**
 * Radio buttons in a fieldset with its legend, an optional hint for the group and for each option,
 * and the group's error (each radio points at it with aria-describedby while it is shown).
 */
export function RadioFieldset({
  field,
  legend,
  options,
  hint,
  children,
}: {
  field: FieldMetadata<string | undefined>;
  legend: string;
  options: RadioOption[];
  hint?: string;
  children?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const radios = getCollectionProps(field, { type: 'radio', options: options.map((option) => option.value) });
  return (
    <fieldset className="give-choices" aria-describedby={hintId}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={field.errorId} errors={field.errors} />
      {radios.map(({ key, ...props }) => {
        const option = options.find((candidate) => candidate.value === props.value);
        const optionHintId = option?.hint ? `${props.id}-hint` : undefined;
        const describedBy = [props['aria-describedby'], optionHintId].filter(Boolean).join(' ');
        return (
          <div className="choice" key={key}>
            <input {...props} aria-describedby={describedBy || undefined} />
            <label htmlFor={props.id}>{option?.label}</label>
            {option?.hint ? (
              <p id={optionHintId} className="choice__hint hint">
                {option.hint}
              </p>
            ) : null}
          </div>
        );
      })}
      {children}
    </fieldset>
  );
}
