// Turns an uploaded file into the WebP renditions a project page shows (docs/decisions/058):
// checked first (size, format, pixel count) so a bad file is refused before any decoding work,
// turned upright by its EXIF orientation, resized, and written without any metadata (sharp copies
// none unless asked: EXIF, GPS, XMP and comments never leave the upload).
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MIN_PHOTO_WIDTH, RENDITION_WIDTHS } from './photo-limits.ts';

/** Why an upload was refused: a `programme-editor` key shown next to the file field. Nothing was stored. */
export class PhotoRejectedError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = 'PhotoRejectedError';
  }
}

export interface Rendition {
  width: number;
  height: number;
  /** First 16 hex digits of the SHA-256 of `bytes` */
  hash: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface ProcessedPhoto {
  sourceWidth: number;
  sourceHeight: number;
  renditions: Rendition[];
}

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif']);

/** The upright size of an image whose EXIF orientation (5–8) turns it a quarter. */
function uprightSize(meta: Metadata): { width: number; height: number } {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * Checks an upload and makes its renditions (480 and 960 px wide, or the upload's width when it
 * is narrower than 960). Throws PhotoRejectedError for anything that is not a usable photo.
 */
export async function processPhoto(bytes: Uint8Array): Promise<ProcessedPhoto> {
  if (bytes.byteLength === 0) throw new PhotoRejectedError('photos.errors.required');
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new PhotoRejectedError('photos.errors.tooLarge');
  let meta: Metadata;
  try {
    // Reads the header only; the pixel limit below is checked before anything is decoded.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoRejectedError('photos.errors.notImage');
  }
  // AVIF comes as HEIF with AV1 inside; HEIC (HEVC) cannot be decoded by this build.
  if (!ACCEPTED_FORMATS.has(meta.format) || (meta.format === 'heif' && meta.compression !== 'av1'))
    throw new PhotoRejectedError('photos.errors.notImage');
  const { width, height } = uprightSize(meta);
  if (width * height > MAX_PHOTO_PIXELS) throw new PhotoRejectedError('photos.errors.tooManyPixels');
  if (width < MIN_PHOTO_WIDTH) throw new PhotoRejectedError('photos.errors.tooNarrow');

  const widths = [...new Set(RENDITION_WIDTHS.map((wanted) => Math.min(wanted, width)))];
  try {
    const renditions = await Promise.all(
      widths.map(async (target) => {
        const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'error', animated: false })
          .rotate()
          .resize({ width: target, withoutEnlargement: true })
          .webp({ quality: 78, effort: 4 })
          .toBuffer({ resolveWithObject: true });
        const out = new Uint8Array(data.byteLength);
        out.set(data);
        return { width: info.width, height: info.height, hash: createHash('sha256').update(out).digest('hex').slice(0, 16), bytes: out };
      }),
    );
    return { sourceWidth: width, sourceHeight: height, renditions };
  } catch {
    // A truncated or corrupt file passes the header check and fails here.
    throw new PhotoRejectedError('photos.errors.notImage');
  }
}
