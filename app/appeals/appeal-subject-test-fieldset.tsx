// The A/B subject test in the appeal draft form (docs/decisions/054): a disclosure (<details>, so
// it folds away without script and its summary is a keyboard stop) holding one fieldset — the
// sample's share, the metric, the wait, and subjects B and C per language, each in that language
// and direction. Open when the draft has a test or a field of it has an error; once open it stays
// open until the officer folds it (fixing the last error does not fold it under their fingers).
import { getSelectProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { directionOf, locales } from '~/platform/i18n.ts';
import { FoldedSection } from '~/ui/folded-section.tsx';
import { FieldErrors, TextField, type AppealDraftFields } from './appeal-draft-fields.tsx';
import { TEXT_LIMITS } from './appeal-draft-schema.ts';
import { SAMPLE_PERCENT, TEST_METRICS, VARIANT_FIELDS, WAIT_UNITS } from './appeal-subject-test-schema.ts';

export function SubjectTestFieldset({
  fields,
  languageLabel,
  isOpen,
}: {
  fields: AppealDraftFields;
  languageLabel: (locale: string) => string;
  /** The saved draft has a test */
  isOpen: boolean;
}) {
  const { t } = useTranslation('staff-appeal-composer');
  const variants = fields.variants.getFieldset();
  const testFields = [fields.testSample, fields.testMetric, fields.testWait, fields.testWaitUnit];
  const hasErrors = testFields.some((field) => field.errors?.length) || Object.keys(fields.variants.allErrors).length > 0;
  const { key: metricKey, ...metricProps } = getSelectProps(fields.testMetric);
  const { key: unitKey, ...unitProps } = getSelectProps(fields.testWaitUnit);
  return (
    <FoldedSection className="appeal-test" summary={t('abTest.summary')} startsOpen={isOpen} mustOpen={hasErrors}>
      <fieldset className="stack" aria-describedby="appeal-test-hint">
        <legend>{t('abTest.legend')}</legend>
        <p id="appeal-test-hint" className="field__hint">
          {t('abTest.hint')}
        </p>
        <TextField
          field={fields.testSample}
          label={t('abTest.sample')}
          hint={t('abTest.sampleHint', { min: SAMPLE_PERCENT.min, max: SAMPLE_PERCENT.max })}
          inputMode="numeric"
          dir="ltr"
          maxLength={3}
        />
        <div className="field">
          <label htmlFor={fields.testMetric.id}>{t('abTest.metric')}</label>
          <select key={metricKey} {...metricProps}>
            {TEST_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {t(`abTest.metrics.${metric}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.testMetric.errorId} errors={fields.testMetric.errors} />
        </div>
        <div className="appeal-test__wait">
          <TextField
            field={fields.testWait}
            label={t('abTest.wait')}
            hint={t('abTest.waitHint')}
            inputMode="numeric"
            dir="ltr"
            maxLength={5}
          />
          <div className="field">
            <label htmlFor={fields.testWaitUnit.id}>{t('abTest.waitUnit')}</label>
            <select key={unitKey} {...unitProps}>
              {WAIT_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {t(`abTest.units.${unit}`)}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.testWaitUnit.errorId} errors={fields.testWaitUnit.errors} />
          </div>
        </div>
        {locales.map((locale) => {
          const language = variants[locale]?.getFieldset();
          if (!language) return null;
          const common = { lang: locale, dir: directionOf(locale), maxLength: TEXT_LIMITS.subject };
          return (
            <fieldset key={locale} className="localized-fields stack">
              <legend>{t('abTest.subjectsIn', { language: languageLabel(locale) })}</legend>
              {VARIANT_FIELDS.map((name) => (
                <TextField key={name} field={language[name]} label={t(`abTest.subject.${name}`)} {...common} />
              ))}
            </fieldset>
          );
        })}
      </fieldset>
    </FoldedSection>
  );
}
