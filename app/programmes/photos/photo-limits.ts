// What a project photo upload may be (docs/decisions/058). Shared by the server checks and the
// staff form's hint, so the page states the same limits the server applies.

/** Largest upload accepted: a phone photo is 2–6 MB. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Largest decoded size: 40 megapixels (a 16-bit 8,000 × 5,000 image); more is refused before decoding (a decompression bomb). */
export const MAX_PHOTO_PIXELS = 40_000_000;
/** Narrowest upload accepted: the smaller rendition is this wide. */
export const MIN_PHOTO_WIDTH = 480;
/** The widths of the WebP renditions (never wider than the upload). */
export const RENDITION_WIDTHS = [480, 960] as const;
/** Formats a browser or phone camera produces that the server decodes. */
export const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp,image/avif';
