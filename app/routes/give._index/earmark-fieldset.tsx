// Where the gift goes: general-purpose (the default, and why it matters), a global programme or
// one project. The programme and project lists appear under their option; without JavaScript
// both lists are always shown and only the one matching the chosen option is used. When the page
// came for one programme or project, the choice is made: it folds into "Your gift goes to …".
import { getSelectProps } from '@conform-to/react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '~/giving/field-error.tsx';
import type { GiveFields, LiveValues } from './use-give-form.ts';
import type { GivePageData } from './give-page.server.ts';
import { FoldedSection } from '~/ui/folded-section.tsx';
import { RadioFieldset } from './radio-fieldset.tsx';

export function EarmarkFieldset({
  fields,
  live,
  programmes,
  projects,
  focusTitle,
}: {
  fields: GiveFields;
  live: LiveValues;
  programmes: GivePageData['programmes'];
  projects: GivePageData['projects'];
  /** The programme or project the page is about, if any. */
  focusTitle: string | undefined;
}) {
  const { t } = useTranslation('give');
  const choices = <EarmarkChoices fields={fields} live={live} programmes={programmes} projects={projects} />;
  if (!focusTitle) return choices;
  const errors = [fields.earmark, fields.programme, fields.project].some((field) => field.errors?.length);
  return (
    <FoldedSection className="give-fold" summary={t('earmark.focusSummary', { title: focusTitle })} startsOpen={false} mustOpen={errors}>
      {choices}
    </FoldedSection>
  );
}

function EarmarkChoices({
  fields,
  live,
  programmes,
  projects,
}: {
  fields: GiveFields;
  live: LiveValues;
  programmes: GivePageData['programmes'];
  projects: GivePageData['projects'];
}) {
  const { t } = useTranslation('give');
  const { hydrated, earmark } = live;
  const { key: programmeKey, ...programmeProps } = getSelectProps(fields.programme);
  const { key: projectKey, ...projectProps } = getSelectProps(fields.project);
  return (
    <RadioFieldset
      field={fields.earmark}
      legend={t('earmark.legend')}
      options={[
        { value: 'general', label: t('earmark.general'), hint: t('earmark.generalWhy') },
        { value: 'programme', label: t('earmark.programme') },
        { value: 'project', label: t('earmark.project') },
      ]}
    >
      <div className="field give-conditional" hidden={hydrated && earmark !== 'programme'}>
        <label htmlFor={fields.programme.id}>{t('earmark.programmeSelect')}</label>
        <select key={programmeKey} {...programmeProps}>
          <option value="">{t('earmark.choose')}</option>
          {programmes.map((programme) => (
            <option key={programme.slug} value={programme.slug}>
              {programme.title}
            </option>
          ))}
        </select>
        <FieldError id={fields.programme.errorId} errors={fields.programme.errors} />
      </div>
      <div className="field give-conditional" hidden={hydrated && earmark !== 'project'}>
        <label htmlFor={fields.project.id}>{t('earmark.projectSelect')}</label>
        <select key={projectKey} {...projectProps}>
          <option value="">{t('earmark.choose')}</option>
          {programmes.map((programme) => {
            const inProgramme = projects.filter((project) => project.programmeSlug === programme.slug);
            return inProgramme.length ? (
              <optgroup key={programme.slug} label={programme.title}>
                {inProgramme.map((project) => (
                  <option key={project.code} value={project.code}>
                    {t('earmark.projectOption', { code: project.code, title: project.title })}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
        <FieldError id={fields.project.errorId} errors={fields.project.errors} />
      </div>
    </RadioFieldset>
  );
}
