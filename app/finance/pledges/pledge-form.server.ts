// The "Record a pledge" and "Record a transfer" forms, read on the server: fields checked with
// Zod, amounts parsed in the currency's ISO 4217 exponent, and each problem named by the field it
// belongs to with a key of `institutional-pledges:errors`. The forms work without JavaScript, so
// the schedule is a fixed number of rows (empty rows are skipped).
import { z } from 'zod';
import {
  INSTITUTIONAL_DONOR_TYPES,
  type InstitutionalPledgeInput,
  type TransferInput,
} from '~/ledger/institutional-pledge-commands.server.ts';
import { isM49Country } from '~/platform/m49-regions.ts';
import { isSupportedCurrency, MoneyError, parseAmount } from '~/platform/money.ts';

/** Rows of the schedule on the form: enough for a multi-year agreement paid quarterly. */
export const SCHEDULE_ROWS = 8;

export type FieldErrors = Record<string, string>;
export type FormOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max);

const pledgeFields = z.object({
  requestKey: z.uuid(),
  donorMode: z.enum(['existing', 'new']),
  donorId: z.string().trim(),
  donorType: z.string(),
  donorName: text(200),
  donorCountry: text(2),
  donorOrganisationId: text(100),
  donorEmail: text(254),
  currency: z.string().trim().toUpperCase(),
  earmark: z.enum(['GENERAL_PURPOSE', 'PROGRAMME', 'PROJECT']),
  programmeId: z.string().trim(),
  projectId: z.string().trim(),
  documentDate: z.string().trim(),
  documentReference: text(100),
  publicName: z.enum(['named', 'anonymous']),
  method: z.enum(['BANK_TRANSFER', 'OTHER']),
  total: text(40),
});

/** Text of a form field ('' when absent), so a missing field is a field error, not a crash. */
function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function dateOf(value: string): Date | null {
  if (!isoDate.safeParse(value).success) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

function amountOf(value: string, currency: string): bigint | 'errors.amount' | 'errors.amountDecimals' {
  try {
    const minor = parseAmount(value, currency);
    return minor > 0n ? minor : 'errors.amount';
  } catch (error) {
    if (error instanceof MoneyError && error.code === 'TOO_MANY_DECIMALS') return 'errors.amountDecimals';
    return 'errors.amount';
  }
}

const UUID = z.uuid();

/** Whether `text` can name a donor (the form's own rule for donorId), e.g. a `?donorId=` link. */
export const isDonorId = (text: string): boolean => UUID.safeParse(text).success;

/** The pledge form's fields as the ledger command's input (without the staff member), or errors by field. */
export function readPledgeForm(form: FormData): FormOutcome<Omit<InstitutionalPledgeInput, 'staffId'>> {
  const names = Object.keys(pledgeFields.shape) as (keyof typeof pledgeFields.shape)[];
  const parsed = pledgeFields.safeParse(Object.fromEntries(names.map((name) => [name, field(form, name)])));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= 'errors.invalid';
    if (errors.requestKey) errors.form = 'errors.stale';
    return { ok: false, errors };
  }
  const values = parsed.data;
  const errors: FieldErrors = {};
  let donor: InstitutionalPledgeInput['donor'] | null = null;
  if (values.donorMode === 'existing') {
    if (UUID.safeParse(values.donorId).success) donor = { donorId: values.donorId };
    else errors.donorId = 'errors.donorRequired';
  } else {
    const type = INSTITUTIONAL_DONOR_TYPES.find((candidate) => candidate === values.donorType);
    const country = values.donorCountry.toUpperCase();
    if (!type) errors.donorType = 'errors.donorType';
    if (values.donorName.length < 2) errors.donorName = 'errors.donorName';
    // An intergovernmental body has no country of its own; every other institution has one.
    if (country ? !isM49Country(country) : type !== 'INTERGOVERNMENTAL') errors.donorCountry = 'errors.country';
    if (values.donorEmail && !z.email().safeParse(values.donorEmail).success) errors.donorEmail = 'errors.email';
    if (type && !errors.donorName && !errors.donorCountry && !errors.donorEmail)
      donor = {
        create: {
          type,
          displayName: values.donorName,
          countryCode: country || null,
          organisationId: values.donorOrganisationId || null,
          email: values.donorEmail || null,
        },
      };
  }
  const currency = values.currency;
  const currencyOk = isSupportedCurrency(currency);
  if (!currencyOk) errors.currency = 'errors.currency';
  let earmark: InstitutionalPledgeInput['earmark'] = { earmarkType: 'GENERAL_PURPOSE' };
  if (values.earmark === 'PROGRAMME') {
    if (UUID.safeParse(values.programmeId).success) earmark = { earmarkType: 'PROGRAMME', programmeId: values.programmeId };
    else errors.programmeId = 'errors.programmeRequired';
  } else if (values.earmark === 'PROJECT') {
    if (UUID.safeParse(values.projectId).success) earmark = { earmarkType: 'PROJECT', projectId: values.projectId };
    else errors.projectId = 'errors.projectRequired';
  }
  const documentDate = dateOf(values.documentDate);
  if (!documentDate) errors.documentDate = 'errors.date';
  if (values.documentReference.length < 2) errors.documentReference = 'errors.documentReference';
  const total = currencyOk ? amountOf(values.total, currency) : null;
  if (typeof total === 'string') errors.total = total;
  const schedule: { dueOn: Date; amountMinor: bigint }[] = [];
  for (let row = 1; row <= SCHEDULE_ROWS; row += 1) {
    const dueText = field(form, `dueOn${row}`).trim();
    const amountText = field(form, `amount${row}`).trim();
    if (!dueText && !amountText) continue;
    const dueOn = dateOf(dueText);
    if (!dueOn) errors[`dueOn${row}`] = 'errors.date';
    const amount = currencyOk ? amountOf(amountText, currency) : null;
    if (typeof amount === 'string') errors[`amount${row}`] = amount;
    if (dueOn && typeof amount === 'bigint') schedule.push({ dueOn, amountMinor: amount });
  }
  if (Object.keys(errors).length === 0 && schedule.length === 0) errors.schedule = 'errors.scheduleEmpty';
  if (Object.keys(errors).length > 0 || !donor || !documentDate || typeof total !== 'bigint') return { ok: false, errors };
  return {
    ok: true,
    value: {
      requestKey: values.requestKey,
      donor,
      currency,
      earmark,
      documentDate,
      documentReference: values.documentReference,
      isAnonymous: values.publicName === 'anonymous',
      method: values.method,
      totalMinor: total,
      schedule,
    },
  };
}

/** The transfer form's fields for one pledge in `currency`, or errors by field. */
export function readTransferForm(form: FormData, reference: string): FormOutcome<Omit<TransferInput, 'staffId'>> {
  const errors: FieldErrors = {};
  const requestKey = field(form, 'requestKey');
  if (!UUID.safeParse(requestKey).success) errors.form = 'errors.stale';
  const currency = field(form, 'currency').trim().toUpperCase();
  if (!isSupportedCurrency(currency)) errors.currency = 'errors.currency';
  const amount = isSupportedCurrency(currency) ? amountOf(field(form, 'amount'), currency) : null;
  if (typeof amount === 'string') errors.amount = amount;
  const receivedAt = dateOf(field(form, 'receivedOn').trim());
  if (!receivedAt) errors.receivedOn = 'errors.date';
  const instalmentText = field(form, 'instalment').trim();
  const instalmentSequence = instalmentText === '' ? null : Number(instalmentText);
  if (instalmentSequence !== null && !(Number.isInteger(instalmentSequence) && instalmentSequence > 0))
    errors.instalment = 'errors.invalid';
  const note = field(form, 'note').trim();
  if (note.length > 500) errors.note = 'errors.note';
  if (Object.keys(errors).length > 0 || typeof amount !== 'bigint' || !receivedAt) return { ok: false, errors };
  return { ok: true, value: { reference, currency, amountMinor: amount, receivedAt, instalmentSequence, note, requestKey } };
}
