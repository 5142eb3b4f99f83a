import type { MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '~/giving/field-error.tsx';

export interface SummaryItem {
  /** Field label; absent for errors about the whole form. */
  label?: string;
  /** Id of the control to jump to; absent when there is nothing to focus (a hidden field). */
  targetId?: string;
  messages: string[];
}

// A fragment link only scrolls; with JavaScript the link also puts the cursor in the field.
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
}

/**
 * "There is a problem" at the top of the form, listing each error with a link to its field. It
 * takes focus after a failed submit (autoFocus covers the page rendered by the server without
 * JavaScript), so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  items,
  summaryRef,
  autoFocus,
}: {
  items: SummaryItem[];
  summaryRef: Ref<HTMLDivElement>;
  autoFocus: boolean;
}) {
  const { t } = useTranslation('give');
  if (items.length === 0) return null;
  return (
    <div
      ref={summaryRef}
      className="error-summary"
      tabIndex={-1}
      role="alert"
      aria-labelledby="give-error-summary-title"
      autoFocus={autoFocus}
    >
      <h2 id="give-error-summary-title">{t('errors.summaryTitle')}</h2>
      <ul>
        {items.map((item) => {
          const text = item.messages.map((message) => errorText(t, message)).join(' ');
          const line = item.label ? t('errors.summaryItem', { label: item.label, message: text }) : text;
          const { targetId } = item;
          return (
            <li key={`${item.label ?? ''}${text}`}>
              {targetId ? (
                <a href={`#${targetId}`} onClick={(event) => focusField(event, targetId)}>
                  {line}
                </a>
              ) : (
                line
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
