import { useTranslation } from 'react-i18next';

export const MAIN_ID = 'main';

/** First focusable element of every page; moves keyboard focus to <main> (works without JS too). */
export function SkipLink() {
  const { t } = useTranslation('common');
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={() => document.getElementById(MAIN_ID)?.focus()}>
      {t('skipToContent')}
    </a>
  );
}
