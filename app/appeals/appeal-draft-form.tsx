// The appeal draft form (/staff/appeals/new and /:id): Conform with the same zod/mini schema the
// action uses, so errors show as a field is left and again from the server without JavaScript.
// Every control has a visible label; hints and errors are tied to it with aria-describedby; each
// language's texts carry that language's `lang` and direction (Arabic right to left).
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { directionOf, locales, type Locale } from '~/platform/i18n.ts';
import { appealDraftSchema, BLOCK_FIELDS, TEXT_LIMITS } from './appeal-draft-schema.ts';
import { FieldErrors, TextField, useErrorText, type AppealDraftFormValue } from './appeal-draft-fields.tsx';
import { SubjectTestFieldset } from './appeal-subject-test-fieldset.tsx';

interface Choice {
  value: string;
  label: string;
}

export interface AppealDraftFormOptions {
  segments: Choice[];
  languages: Choice[];
  programmes: Choice[];
  projectGroups: { label: string; projects: Choice[] }[];
}

export function AppealDraftForm({
  options,
  defaultValue,
  lastResult,
  disabled = false,
}: {
  options: AppealDraftFormOptions;
  defaultValue: AppealDraftFormValue;
  lastResult?: SubmissionResult<string[]>;
  /** The appeal is no longer a draft: shown, not editable */
  disabled?: boolean;
}) {
  const { t } = useTranslation('staff-appeal-composer');
  const text = useErrorText();
  const [form, fields] = useForm({
    id: 'appeal-draft',
    lastResult,
    defaultValue,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: appealDraftSchema }),
  });
  const texts = fields.texts.getFieldset();
  const languageLabel = (locale: string) => options.languages.find((choice) => choice.value === locale)?.label ?? locale;
  const fallback = (fields.fallbackLocale.value ?? defaultValue.fallbackLocale) as Locale;
  const { key: segmentKey, ...segmentProps } = getSelectProps(fields.segmentId, { ariaDescribedBy: `${fields.segmentId.id}-hint` });
  const { key: fallbackKey, ...fallbackProps } = getSelectProps(fields.fallbackLocale, {
    ariaDescribedBy: `${fields.fallbackLocale.id}-hint`,
  });

  return (
    <Form method="post" className="editor-form stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      {form.errors?.length ? (
        <div id={form.errorId} className="form-error" role="alert">
          <p>{t('errors.form')}</p>
          {form.errors.map((error) => (
            <p key={error}>{text(error)}</p>
          ))}
        </div>
      ) : null}
      <fieldset disabled={disabled} className="stack">
        <TextField field={fields.code} label={t('fields.code')} hint={t('fields.codeHint')} dir="ltr" maxLength={64} />
        <TextField field={fields.goal} label={t('fields.goal')} hint={t('fields.goalHint')} dir="ltr" />
        <div className="field">
          <label htmlFor={fields.segmentId.id}>{t('fields.segment')}</label>
          <p id={`${fields.segmentId.id}-hint`} className="field__hint">
            {t('fields.segmentHint')}
          </p>
          <select key={segmentKey} {...segmentProps}>
            <option value="">{t('fields.segmentNone')}</option>
            {options.segments.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.segmentId.errorId} errors={fields.segmentId.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.fallbackLocale.id}>{t('fields.fallback')}</label>
          <p id={`${fields.fallbackLocale.id}-hint`} className="field__hint">
            {t('fields.fallbackHint')}
          </p>
          <select key={fallbackKey} {...fallbackProps}>
            {options.languages.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.fallbackLocale.errorId} errors={fields.fallbackLocale.errors} />
        </div>

        {locales.map((locale) => {
          const language = texts[locale]?.getFieldset();
          if (!language) return null;
          const common = { lang: locale, dir: directionOf(locale) };
          return (
            <fieldset key={locale} className="localized-fields stack">
              <legend>
                {locale === fallback
                  ? t('fields.languageFallback', { language: languageLabel(locale) })
                  : t('fields.language', { language: languageLabel(locale) })}
              </legend>
              {locale === fallback ? null : <p className="field__hint">{t('fields.languageHint')}</p>}
              <TextField field={language.title} label={t('fields.title')} maxLength={TEXT_LIMITS.title} {...common} />
              <TextField field={language.subject} label={t('fields.subject')} maxLength={TEXT_LIMITS.subject} {...common} />
              <TextField field={language.preheader} label={t('fields.preheader')} maxLength={TEXT_LIMITS.preheader} {...common} />
              <TextField
                field={language.intro}
                label={t('fields.introText')}
                hint={t('fields.introHint')}
                multiline
                maxLength={TEXT_LIMITS.intro}
                {...common}
              />
            </fieldset>
          );
        })}

        <SubjectTestFieldset fields={fields} languageLabel={languageLabel} isOpen={Boolean(defaultValue.testSample)} />

        <fieldset className="stack" aria-describedby="appeal-blocks-hint">
          <legend>{t('fields.blocks')}</legend>
          <p id="appeal-blocks-hint" className="field__hint">
            {t('fields.blocksHint')}
          </p>
          {BLOCK_FIELDS.map((name, index) => {
            const field = fields[name];
            const { key, ...props } = getSelectProps(field);
            return (
              <div className="field" key={name}>
                <label htmlFor={field.id}>{t('fields.block', { number: index + 1 })}</label>
                <select key={key} {...props}>
                  <option value="">{t('fields.blockNone')}</option>
                  <optgroup label={t('fields.programmes')}>
                    {options.programmes.map((choice) => (
                      <option key={choice.value} value={choice.value}>
                        {choice.label}
                      </option>
                    ))}
                  </optgroup>
                  {options.projectGroups.map((group) => (
                    <optgroup key={group.label} label={group.label}>
                      {group.projects.map((choice) => (
                        <option key={choice.value} value={choice.value}>
                          {choice.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <FieldErrors id={field.errorId} errors={field.errors} />
              </div>
            );
          })}
        </fieldset>
        <p>
          <button type="submit" className="button">
            {t('save')}
          </button>
        </p>
      </fieldset>
    </Form>
  );
}
