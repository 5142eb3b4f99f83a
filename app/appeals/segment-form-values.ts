// The segment form's fields as the browser sends them (a POST, or the live count's query string)
// and back: repeated fields for the lists, USD amounts as typed, days as YYYY-MM-DD. Error messages
// are keys of the `staff-appeals` namespace.
import { parseAmount, minorToDecimalString } from '~/platform/money.ts';
import { segmentDefinitionSchema, type SegmentDefinition } from './segment-definition.ts';

export interface SegmentFormValues {
  name: string;
  donorTypes: string[];
  countries: string[];
  regions: string[];
  programmeIds: string[];
  projectIds: string[];
  lastGift: string;
  lastGiftFrom: string;
  lastGiftTo: string;
  totalMin: string;
  totalBelow: string;
  frequencies: string[];
  locales: string[];
}

const LISTS = ['donorTypes', 'countries', 'regions', 'programmeIds', 'projectIds', 'frequencies', 'locales'] as const;
const TEXTS = ['name', 'lastGift', 'lastGiftFrom', 'lastGiftTo', 'totalMin', 'totalBelow'] as const;

interface FieldSource {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

/** The fields of a posted form or a query string, as strings (anything else is dropped). */
export function readSegmentForm(source: FieldSource): SegmentFormValues {
  const text = (name: string) => {
    const value = source.get(name);
    return typeof value === 'string' ? value.trim().slice(0, 200) : '';
  };
  const list = (name: string) =>
    source
      .getAll(name)
      .filter((value): value is string => typeof value === 'string' && value !== '')
      .slice(0, 500);
  const values = Object.fromEntries([...TEXTS.map((name) => [name, text(name)]), ...LISTS.map((name) => [name, list(name)])]);
  // Built from TEXTS and LISTS above, which name every field of the interface.
  return values as unknown as SegmentFormValues;
}

/** A saved definition as the form shows it. */
export function formValuesFrom(name: string, segment: SegmentDefinition): SegmentFormValues {
  const usd = (minor: number | undefined) => (minor === undefined ? '' : minorToDecimalString(BigInt(minor), 'USD'));
  return {
    name,
    donorTypes: [...segment.donorTypes],
    countries: [...segment.countries],
    regions: [...segment.regions],
    programmeIds: [...segment.programmeIds],
    projectIds: [...segment.projectIds],
    lastGift: segment.lastGift,
    lastGiftFrom: segment.lastGiftFrom ?? '',
    lastGiftTo: segment.lastGiftTo ?? '',
    totalMin: usd(segment.totalMinUsdMinor),
    totalBelow: usd(segment.totalBelowUsdMinor),
    frequencies: [...segment.frequencies],
    locales: [...segment.locales],
  };
}

export type SegmentFieldErrors = Partial<Record<keyof SegmentFormValues, string>>;
export type ParsedSegmentForm = { ok: true; segment: SegmentDefinition } | { ok: false; errors: SegmentFieldErrors };

function usdMinorOf(text: string): number | undefined | null {
  if (!text) return undefined;
  try {
    const minor = parseAmount(text, 'USD');
    return minor >= 0n && minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
  } catch {
    return null;
  }
}

/** The definition the fields describe, or the fields in error (message keys). The name is not read here. */
export function parseSegmentForm(values: SegmentFormValues): ParsedSegmentForm {
  const errors: SegmentFieldErrors = {};
  const totalMinUsdMinor = usdMinorOf(values.totalMin);
  const totalBelowUsdMinor = usdMinorOf(values.totalBelow);
  if (totalMinUsdMinor === null) errors.totalMin = 'errors.amount';
  if (totalBelowUsdMinor === null) errors.totalBelow = 'errors.amount';
  const parsed = segmentDefinitionSchema.safeParse({
    donorTypes: values.donorTypes,
    countries: values.countries,
    regions: values.regions,
    programmeIds: values.programmeIds,
    projectIds: values.projectIds,
    lastGift: values.lastGift || 'ANY',
    lastGiftFrom: values.lastGiftFrom || undefined,
    lastGiftTo: values.lastGiftTo || undefined,
    totalMinUsdMinor: totalMinUsdMinor ?? undefined,
    totalBelowUsdMinor: totalBelowUsdMinor ?? undefined,
    frequencies: values.frequencies,
    locales: values.locales,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key = field === 'totalBelowUsdMinor' ? 'totalBelow' : field === 'totalMinUsdMinor' ? 'totalMin' : field;
      if (typeof key === 'string' && !(key in errors))
        errors[key as keyof SegmentFormValues] = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
    }
    if (Object.keys(errors).length === 0) errors.donorTypes = 'errors.invalid';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, segment: parsed.data };
}
