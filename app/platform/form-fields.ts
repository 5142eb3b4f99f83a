// Field rules the donor forms share (the give form, the account's profile page), in zod/mini for
// the browser. Messages are i18n keys of the "give" namespace (errors.*), where they are translated
// (app/giving/field-error.tsx).
import * as z from 'zod/mini';

/** An HTML checkbox: ticked ('on') or absent. */
export const checkbox = z.pipe(
  z.optional(z.union([z.literal('on'), z.literal('true'), z.boolean()])),
  z.transform((value) => value === 'on' || value === 'true' || value === true),
);

/**
 * Control characters other than line breaks and tabs: nothing a person types, and a NUL byte is
 * refused by PostgreSQL (it used to turn a pledge into a 500).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const printable = () => z.refine<string>((value) => !CONTROL_CHARACTERS.test(value), 'errors.invalidCharacters');

/** Optional free text up to `max` characters (trimmed; empty = absent). */
export const optionalText = (max: number) =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.maxLength(max, 'errors.tooLong'), printable())),
    z.transform((value) => (value ? value : undefined)),
  );

/** A person's given or family name: required, up to 100 characters. */
export const requiredName = () =>
  z
    .string({ error: 'errors.nameRequired' })
    .check(z.trim(), z.minLength(1, 'errors.nameRequired'), z.maxLength(100, 'errors.tooLong'), printable());

/** An optional ISO 3166-1 alpha-2 country code, upper-cased. */
export const countryCodeField = () =>
  z.pipe(
    z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/, 'errors.countryInvalid'))),
    z.transform((value) => value?.toUpperCase()),
  );
