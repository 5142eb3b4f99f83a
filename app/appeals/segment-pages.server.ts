// The appeals pages' data (/staff/appeals, /staff/appeals/segments/new and /:id) and the segment
// form's handling: count (the live count's resource route, and the "Count" button without
// JavaScript) and save (create, rename, change — audited). Labels come ready in the reader's language.
import { getT } from '~/platform/i18n.server.ts';
import { locales, pickText, type Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber, regionName } from '~/platform/format.ts';
import { listM49Countries, listM49Regions } from '~/platform/m49-regions.ts';
import { countSegmentDonors } from './appeals-segment-queries.server.ts';
import { saveSegment } from './appeals-segment-commands.server.ts';
import { findSegment, listAppeals, listProgrammesWithProjects, listSegments } from './appeals-list-queries.server.ts';
import { DONOR_TYPES, EVERYONE, FREQUENCIES, LAST_GIFT, parseSegmentDefinition } from './segment-definition.ts';
import {
  formValuesFrom,
  parseSegmentForm,
  readSegmentForm,
  type SegmentFieldErrors,
  type SegmentFormValues,
} from './segment-form-values.ts';

export const APPEALS_ROLES = ['RESOURCE_MOBILIZATION', 'ADMIN'] as const;

export interface SegmentCount {
  count: number;
  text: string;
}

/** "Donors in this segment now: 1,234" in the reader's language. */
export async function countForForm({ values, locale, asOf = new Date() }: { values: SegmentFormValues; locale: Locale; asOf?: Date }) {
  const t = getT(locale, 'staff-appeals');
  const parsed = parseSegmentForm(values);
  if (!parsed.ok) return { ok: false as const, errors: translate(parsed.errors, locale), text: t('count.invalid') };
  const count = await countSegmentDonors({ segment: parsed.segment, asOf });
  return { ok: true as const, count, text: t('count.live', { count: formatNumber(count, locale) }) };
}

function translate(errors: SegmentFieldErrors, locale: Locale): Record<string, string> {
  const t = getT(locale, 'staff-appeals');
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
}

/** The live count's answer to a query string of the form's fields. */
export async function countFromQuery({ searchParams, locale }: { searchParams: URLSearchParams; locale: Locale }) {
  const result = await countForForm({ values: readSegmentForm(searchParams), locale });
  return result.ok ? { count: result.count, text: result.text } : { count: null, text: result.text };
}

export type SegmentFormOutcome =
  | { kind: 'saved'; id: string }
  | { kind: 'counted'; values: SegmentFormValues; countText: string; errors: Record<string, string> }
  | { kind: 'invalid'; values: SegmentFormValues; errors: Record<string, string>; formError: string };

/**
 * A posted segment form: `intent=count` (or none) counts; `intent=save` saves the segment
 * `segmentId` (a new one without); `intent=saveAsNew` saves a new one whatever `segmentId`.
 */
export async function handleSegmentForm({
  form,
  staffUserId,
  locale,
  segmentId = null,
}: {
  form: FormData;
  staffUserId: string;
  locale: Locale;
  segmentId?: string | null;
}): Promise<SegmentFormOutcome> {
  const t = getT(locale, 'staff-appeals');
  const values = readSegmentForm(form);
  const intent = form.get('intent');
  if (intent === 'saveAsNew') segmentId = null;
  else if (intent !== 'save') {
    const counted = await countForForm({ values, locale });
    return { kind: 'counted', values, countText: counted.text, errors: counted.ok ? {} : counted.errors };
  }
  const parsed = parseSegmentForm(values);
  const errors: Record<string, string> = parsed.ok ? {} : translate(parsed.errors, locale);
  if (!values.name || values.name.length > 120 || /[\u0000-\u001f\u007f]/.test(values.name)) errors.name = t('errors.name');
  if (!parsed.ok || Object.keys(errors).length > 0) return { kind: 'invalid', values, errors, formError: t('errors.form') };
  const saved = await saveSegment({ id: segmentId, name: values.name, definition: parsed.segment, staffUserId });
  if (saved.ok) return { kind: 'saved', id: saved.id };
  if (saved.reason === 'name-taken')
    return { kind: 'invalid', values, errors: { name: t('errors.nameTaken') }, formError: t('errors.form') };
  return { kind: 'invalid', values, errors: {}, formError: t('errors.notFound') };
}

/** The choices of the segment form, labelled in the reader's language. */
export async function buildSegmentFormOptions(locale: Locale) {
  const t = getT(locale, 'staff-appeals');
  const place = regionName(locale);
  const languageNames = new Intl.DisplayNames(locale, { type: 'language' });
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const programmes = await listProgrammesWithProjects();
  return {
    donorTypes: DONOR_TYPES.map((value) => ({ value, label: t(`donorType.${value}`) })),
    regions: listM49Regions()
      .map((value) => ({ value, label: place(value) }))
      .sort(byName),
    countries: listM49Countries()
      .map((value) => ({ value, label: place(value) }))
      .sort(byName),
    programmes: programmes.map((programme) => ({
      value: programme.id,
      label: pickText(programme.title, locale),
      projects: programme.projects.map((project) => ({ value: project.id, label: `${project.code} — ${pickText(project.title, locale)}` })),
    })),
    lastGift: LAST_GIFT.map((value) => ({ value, label: t(`lastGift.${value}`) })),
    frequencies: FREQUENCIES.map((value) => ({ value, label: t(`frequency.${value}`) })),
    locales: locales.map((value) => ({ value, label: languageNames.of(value) ?? value })),
  };
}

/** /staff/appeals/segments/new, or /:id when `segmentId` is given (null when no such segment). */
export async function buildSegmentPage({ locale, segmentId = null }: { locale: Locale; segmentId?: string | null }) {
  const t = getT(locale, 'staff-appeals');
  const saved = segmentId ? await findSegment({ id: segmentId }) : null;
  if (segmentId && !saved) return null;
  const segment = saved ? parseSegmentDefinition(saved.definition) : EVERYONE;
  const values = formValuesFrom(saved?.name ?? '', segment);
  const count = await countForForm({ values, locale });
  return {
    title: saved ? t('segment.editTitle', { name: saved.name }) : t('segment.newTitle'),
    segmentId: saved?.id ?? null,
    values,
    countText: count.text,
    options: await buildSegmentFormOptions(locale),
  };
}

/** /staff/appeals: the saved segments and the appeals. */
export async function buildAppealsPage({ locale }: { locale: Locale }) {
  const t = getT(locale, 'staff-appeals');
  const [segments, appeals] = await Promise.all([listSegments(), listAppeals()]);
  return {
    title: t('title'),
    segments: segments.map((segment) => ({
      id: segment.id,
      name: segment.name,
      updatedAt: formatDate(segment.updatedAt, locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
      by: segment.createdBy?.name ?? '',
    })),
    appeals: appeals.map((appeal) => ({
      id: appeal.id,
      title: pickText(appeal.title, locale),
      status: t(`status.${appeal.status}`),
      sentAt: appeal.sentAt ? formatDate(appeal.sentAt, locale, { dateStyle: 'medium' }) : '',
    })),
  };
}
