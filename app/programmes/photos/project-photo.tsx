// A project's photo on public pages: server-rendered markup only (no script), with its intrinsic
// size so the page does not move when it loads, and `sizes` matching the page's layout.
import type { PhotoView } from './photo-view.ts';

export function ProjectPhoto({ photo, sizes, className }: { photo: PhotoView; sizes: string; className?: string }) {
  return (
    <img
      className={className ? `project-photo ${className}` : 'project-photo'}
      src={photo.src}
      srcSet={photo.srcSet}
      sizes={sizes}
      width={photo.width}
      height={photo.height}
      alt={photo.alt}
      lang={photo.altLang}
      decoding="async"
    />
  );
}
