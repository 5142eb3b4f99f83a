// A project photo as pages show it: the URLs of its renditions (each with its content hash, so a
// replaced photo gets new URLs and browsers may keep a rendition forever), its intrinsic size (no
// layout shift) and the alt text in the reader's language, or English with lang="en".
import { type Locale } from '~/platform/i18n.ts';

export interface StoredPhoto {
  code: string;
  alt: unknown;
  uploadedAt: string;
  uploadedBy: string | null;
  renditions: { width: number; height: number; hash: string }[];
}

export interface PhotoView {
  src: string;
  srcSet: string;
  width: number;
  height: number;
  alt: string;
  /** The alt text's language when it is not the page's (an English fallback) */
  altLang?: Locale;
}

export function renditionUrl(code: string, rendition: { width: number; hash: string }): string {
  return `/photos/${encodeURIComponent(code)}/${rendition.width}-${rendition.hash}.webp`;
}

/** The alt text in `locale`, else English; the language it is in. */
export function pickAlt(alt: unknown, locale: Locale): { text: string; lang: Locale } {
  const map = alt && typeof alt === 'object' ? (alt as Record<string, unknown>) : {};
  const own = map[locale];
  if (typeof own === 'string' && own.trim()) return { text: own, lang: locale };
  return { text: typeof map.en === 'string' ? map.en : '', lang: 'en' };
}

/** The view of a stored photo for a reader of `locale`; the largest rendition is the fallback `src`. */
export function toPhotoView(photo: StoredPhoto, locale: Locale): PhotoView | null {
  const largest = photo.renditions.at(-1);
  if (!largest) return null;
  const alt = pickAlt(photo.alt, locale);
  return {
    src: renditionUrl(photo.code, largest),
    srcSet: photo.renditions.map((r) => `${renditionUrl(photo.code, r)} ${r.width}w`).join(', '),
    width: largest.width,
    height: largest.height,
    alt: alt.text,
    ...(alt.lang !== locale ? { altLang: alt.lang } : {}),
  };
}
