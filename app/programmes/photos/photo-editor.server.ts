// The current photo as the staff forms show it: the smaller rendition as the preview, the alt
// text in every language (the form's values), and who uploaded it when.
import { formatDate } from '~/platform/format.ts';
import type { Locale, LocalizedText } from '~/platform/i18n.ts';
import type { EditorPhoto } from './photo-form.tsx';
import { getProjectPhoto } from './photo-queries.server.ts';
import { pickAlt, renditionUrl } from './photo-view.ts';

export async function getEditorPhoto({ code, locale }: { code: string; locale: Locale }): Promise<EditorPhoto | null> {
  const photo = await getProjectPhoto({ code });
  const preview = photo?.renditions[0];
  if (!photo || !preview) return null;
  const date = formatDate(photo.uploadedAt, locale);
  return {
    src: renditionUrl(photo.code, preview),
    width: preview.width,
    height: preview.height,
    alt: pickAlt(photo.alt, locale).text,
    // Written as { en, fr, ... } by the photo form: a parse boundary.
    altByLocale: photo.alt as LocalizedText,
    uploaded: photo.uploadedBy ? `${date} — ${photo.uploadedBy}` : date,
  };
}
