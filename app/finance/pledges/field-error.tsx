// A form field's error (and hint) tied to its control, so a screen reader reads it with the field.

/** aria-invalid and aria-describedby for a control whose error (if any) FieldError shows. */
export function fieldProps(name: string, errors: Record<string, string>, hasHint = false) {
  if (errors[name]) return { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` };
  return hasHint ? { 'aria-describedby': `${name}-hint` } : {};
}

export function FieldError({ name, errors, hint }: { name: string; errors: Record<string, string>; hint?: string }) {
  const error = errors[name];
  if (error)
    return (
      <span id={`${name}-error`} className="field-error">
        {error}
      </span>
    );
  return hint ? (
    <span id={`${name}-hint`} className="field-hint">
      {hint}
    </span>
  ) : null;
}
