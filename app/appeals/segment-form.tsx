// The segment form of /staff/appeals/segments/new and /:id. As the officer changes a field, the
// count of donors is fetched again (debounced) from /staff/appeals/segments/count and announced
// in a polite live region; without JavaScript the "Count" button posts the form and the page
// answers with the count and the fields as they were.
import { useEffect, useRef, type FormEvent } from 'react';
import { Form, Link, useFetcher } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { SegmentFormValues } from './segment-form-values.ts';

const DEBOUNCE_MS = 400;

interface Choice {
  value: string;
  label: string;
}

export interface SegmentFormOptions {
  donorTypes: Choice[];
  regions: Choice[];
  countries: Choice[];
  programmes: (Choice & { projects: Choice[] })[];
  lastGift: Choice[];
  frequencies: Choice[];
  locales: Choice[];
}

function Checkboxes({ name, legend, choices, checked }: { name: string; legend: string; choices: Choice[]; checked: string[] }) {
  return (
    <fieldset className="stack">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="checkbox">
          <input type="checkbox" name={name} value={choice.value} defaultChecked={checked.includes(choice.value)} /> {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="field__error">
      {message}
    </p>
  ) : null;
}

/** A labelled input of the segment form: a date, or an amount typed as a decimal (always left to right). */
function SegmentInput(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  type?: 'date';
  decimal?: boolean;
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>{' '}
      <input
        id={props.id}
        name={props.name}
        type={props.type}
        inputMode={props.decimal ? 'decimal' : undefined}
        dir={props.decimal ? 'ltr' : undefined}
        defaultValue={props.value}
        aria-invalid={props.invalid ? true : undefined}
        aria-describedby={props.describedBy}
      />
    </>
  );
}

export function SegmentForm({
  options,
  values,
  countText,
  errors = {},
  formError,
  canSaveAsNew = false,
}: {
  options: SegmentFormOptions;
  values: SegmentFormValues;
  countText: string;
  errors?: Record<string, string>;
  formError?: string;
  /** A saved segment: offer to save the form as a new segment, leaving this one as it was */
  canSaveAsNew?: boolean;
}) {
  const { t } = useTranslation('staff-appeals');
  const fetcher = useFetcher<{ count: number | null; text: string }>();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === 'string' && key !== 'intent') params.append(key, value);
      fetcher.load(`/staff/appeals/segments/count?${params}`);
    }, DEBOUNCE_MS);
  };
  const liveText = fetcher.data?.text ?? countText;
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);
  const fieldOf = (field: 'lastGiftFrom' | 'lastGiftTo' | 'totalMin' | 'totalBelow') => ({
    value: values[field],
    invalid: Boolean(errors[field]),
    describedBy: described(field),
  });

  return (
    <Form method="post" className="stack segment-form" onChange={onChange} aria-describedby="segment-rules">
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <p id="segment-rules">{t('segment.rules')}</p>
      <p>
        <label htmlFor="segment-name">{t('segment.name')}</label>{' '}
        <input
          id="segment-name"
          name="name"
          defaultValue={values.name}
          maxLength={120}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={described('name')}
        />
      </p>
      <FieldError id="name-error" message={errors.name} />

      <Checkboxes name="donorTypes" legend={t('segment.donorTypes')} choices={options.donorTypes} checked={values.donorTypes} />

      <fieldset className="stack">
        <legend>{t('segment.place')}</legend>
        <p id="place-hint">{t('segment.placeHint')}</p>
        <label htmlFor="segment-regions">{t('segment.regions')}</label>
        <select id="segment-regions" name="regions" multiple size={6} defaultValue={values.regions} aria-describedby="place-hint">
          {options.regions.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <label htmlFor="segment-countries">{t('segment.countries')}</label>
        <select id="segment-countries" name="countries" multiple size={6} defaultValue={values.countries} aria-describedby="place-hint">
          {options.countries.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </fieldset>

      <fieldset className="stack">
        <legend>{t('segment.funded')}</legend>
        <p id="funded-hint">{t('segment.fundedHint')}</p>
        {options.programmes.map((programme) => (
          <label key={programme.value} className="checkbox">
            <input
              type="checkbox"
              name="programmeIds"
              value={programme.value}
              defaultChecked={values.programmeIds.includes(programme.value)}
            />{' '}
            {programme.label}
          </label>
        ))}
        <label htmlFor="segment-projects">{t('segment.projects')}</label>
        <select id="segment-projects" name="projectIds" multiple size={6} defaultValue={values.projectIds} aria-describedby="funded-hint">
          {options.programmes.map((programme) => (
            <optgroup key={programme.value} label={programme.label}>
              {programme.projects.map((project) => (
                <option key={project.value} value={project.value}>
                  {project.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </fieldset>

      <fieldset className="stack">
        <legend>{t('segment.lastGift')}</legend>
        {options.lastGift.map((choice) => (
          <label key={choice.value} className="checkbox">
            <input type="radio" name="lastGift" value={choice.value} defaultChecked={(values.lastGift || 'ANY') === choice.value} />{' '}
            {choice.label}
          </label>
        ))}
        <p>
          <SegmentInput id="segment-from" name="lastGiftFrom" type="date" label={t('segment.lastGiftFrom')} {...fieldOf('lastGiftFrom')} />{' '}
          <SegmentInput id="segment-to" name="lastGiftTo" type="date" label={t('segment.lastGiftTo')} {...fieldOf('lastGiftTo')} />
        </p>
        <FieldError id="lastGiftFrom-error" message={errors.lastGiftFrom} />
        <FieldError id="lastGiftTo-error" message={errors.lastGiftTo} />
      </fieldset>

      <fieldset className="stack">
        <legend>{t('segment.total')}</legend>
        <p>
          <SegmentInput id="segment-total-min" name="totalMin" decimal label={t('segment.totalMin')} {...fieldOf('totalMin')} />{' '}
          <SegmentInput id="segment-total-below" name="totalBelow" decimal label={t('segment.totalBelow')} {...fieldOf('totalBelow')} />
        </p>
        <FieldError id="totalMin-error" message={errors.totalMin} />
        <FieldError id="totalBelow-error" message={errors.totalBelow} />
      </fieldset>

      <Checkboxes name="frequencies" legend={t('segment.frequencies')} choices={options.frequencies} checked={values.frequencies} />
      <Checkboxes name="locales" legend={t('segment.locales')} choices={options.locales} checked={values.locales} />

      <p role="status" aria-live="polite" className="segment-count">
        {liveText}
      </p>
      <p className="inline-form">
        <button type="submit" name="intent" value="count" className="button button--secondary">
          {t('segment.count')}
        </button>{' '}
        <button type="submit" name="intent" value="save" className="button">
          {t('segment.save')}
        </button>
        {canSaveAsNew ? (
          <>
            {' '}
            <button type="submit" name="intent" value="saveAsNew" className="button button--secondary">
              {t('segment.saveAsNew')}
            </button>
          </>
        ) : null}
      </p>
    </Form>
  );
}

/**
 * The whole segment page, new or saved: the form filled from the loader, or from the last post
 * when it came back (counted, or refused with its errors), and a notice after a save.
 */
export function SegmentPage({
  page,
  result,
  canSaveAsNew = false,
}: {
  page: { title: string; values: SegmentFormValues; countText: string; options: SegmentFormOptions; saved?: boolean };
  result:
    | { kind: 'counted'; values: SegmentFormValues; countText: string; errors: Record<string, string> }
    | { kind: 'invalid'; values: SegmentFormValues; errors: Record<string, string>; formError: string }
    | undefined;
  canSaveAsNew?: boolean;
}) {
  const { t } = useTranslation('staff-appeals');
  return (
    <section className="staff-appeals stack" aria-labelledby="segment-title">
      <p>
        <Link to="/staff/appeals">{t('back')}</Link>
      </p>
      <h1 id="segment-title">{page.title}</h1>
      {page.saved && !result ? <p role="status">{t('segment.savedNotice')}</p> : null}
      <SegmentForm
        options={page.options}
        values={result?.values ?? page.values}
        countText={result?.kind === 'counted' ? result.countText : page.countText}
        errors={result?.errors}
        formError={result?.kind === 'invalid' ? result.formError : undefined}
        canSaveAsNew={canSaveAsNew}
      />
    </section>
  );
}
