// A segment of donors for an appeal (issue #15 item 1), as an officer builds it on
// /staff/appeals/segments and as it is stored (appeal_segments.definition, appeals.segment). Each
// criterion left empty takes in everyone; criteria combine with AND, the values inside one list with
// OR (a donor in any of the countries or regions, who funded any of the programmes or projects).
// Appeal consent, suppressed addresses and erased donors are not criteria: the query always applies
// them (appeals-segment-queries.server.ts). zod/mini: staff forms share the browser's chunk.
import * as z from 'zod/mini';
import { isM49Country, isM49Region } from '~/platform/m49-regions.ts';
import { locales } from '~/platform/i18n.ts';
import { UUID_PATTERN } from '~/platform/uuid.ts';

export const DONOR_TYPES = ['INDIVIDUAL', 'COMPANY', 'FOUNDATION', 'MEMBER_STATE', 'INTERGOVERNMENTAL', 'OTHER'] as const;
/**
 * When the donor last gave, relative to the reference date's calendar year (UTC): THIS_YEAR gave
 * this year; LYBUNT gave last year but not this year; SYBUNT gave in some earlier year but not this
 * year (LYBUNT donors are SYBUNT donors too, as the name says).
 */
export const LAST_GIFT = ['ANY', 'THIS_YEAR', 'LYBUNT', 'SYBUNT'] as const;
/** MONTHLY: a monthly gift still running that has paid; INSTALMENTS: a live pledge in instalments. */
export const FREQUENCIES = ['MONTHLY', 'INSTALMENTS'] as const;

const uuid = z.string().check(z.regex(UUID_PATTERN));
const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/),
  z.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)),
);
/** A USD amount in minor units, whole and not negative (stored as a JSON number: far below 2^53). */
const usdMinor = z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));
const list = <T extends z.core.SomeType>(item: T, max: number) => z._default(z.array(item).check(z.maxLength(max)), []);

export const segmentDefinitionSchema = z
  .object({
    donorTypes: list(z.enum(DONOR_TYPES), DONOR_TYPES.length),
    countries: list(z.string().check(z.refine(isM49Country)), 300),
    // World (001) is a global project's region, not a donor's: it takes in no country.
    regions: list(z.string().check(z.refine((code) => code !== '001' && isM49Region(code))), 40),
    programmeIds: list(uuid, 50),
    projectIds: list(uuid, 500),
    lastGift: z._default(z.enum(LAST_GIFT), 'ANY'),
    /** The last gift fell on or after this day (UTC) */
    lastGiftFrom: z.optional(isoDate),
    /** The last gift fell on or before this day (UTC) */
    lastGiftTo: z.optional(isoDate),
    /** All gifts, net of refunds, in USD minor units: at least this much */
    totalMinUsdMinor: z.optional(usdMinor),
    /** … and less than this much */
    totalBelowUsdMinor: z.optional(usdMinor),
    frequencies: list(z.enum(FREQUENCIES), FREQUENCIES.length),
    locales: list(z.enum(locales), locales.length),
  })
  .check(
    z.refine((segment) => !segment.lastGiftFrom || !segment.lastGiftTo || segment.lastGiftFrom <= segment.lastGiftTo, {
      message: 'errors.lastGiftRange',
      path: ['lastGiftTo'],
    }),
    z.refine(
      (segment) =>
        segment.totalMinUsdMinor === undefined ||
        segment.totalBelowUsdMinor === undefined ||
        segment.totalMinUsdMinor < segment.totalBelowUsdMinor,
      { message: 'errors.totalRange', path: ['totalBelowUsdMinor'] },
    ),
  );

export type SegmentDefinition = z.output<typeof segmentDefinitionSchema>;

/** Everyone who may receive an appeal: no criterion chosen. */
export const EVERYONE: SegmentDefinition = segmentDefinitionSchema.parse({});

/** A stored definition, checked again on the way out (a stored row is an edge too). */
export function parseSegmentDefinition(value: unknown): SegmentDefinition {
  return segmentDefinitionSchema.parse(value);
}

/** Whether the definition reads the donors' last gift or total (the count joins their giving summary only then). */
export function readsGifts(segment: SegmentDefinition): boolean {
  return (
    segment.lastGift !== 'ANY' ||
    segment.lastGiftFrom !== undefined ||
    segment.lastGiftTo !== undefined ||
    segment.totalMinUsdMinor !== undefined ||
    segment.totalBelowUsdMinor !== undefined
  );
}
