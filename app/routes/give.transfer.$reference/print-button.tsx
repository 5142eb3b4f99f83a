import { useTranslation } from 'react-i18next';
import { useHydrated } from '~/ui/use-hydrated.ts';

/** "Print these instructions": a button with JavaScript, a hint to use the browser's print without. */
export function PrintButton() {
  const { t } = useTranslation('give');
  const hydrated = useHydrated();
  if (!hydrated) return <p className="hint give-print">{t('transfer.printHint')}</p>;
  return (
    <p className="give-print">
      <button type="button" className="button button--secondary" onClick={() => window.print()}>
        {t('transfer.print')}
      </button>
    </p>
  );
}
