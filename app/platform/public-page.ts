// What every public page route shares: its caching headers and its <title>/description.
import type { HeadersFunction, MetaDescriptor } from '@remix-run/node';

// The page differs by language (cookie, Accept-Language); figures change with every gift.
export const publicPageHeaders: HeadersFunction = () => ({
  'Cache-Control': 'public, max-age=0, must-revalidate',
  Vary: 'Cookie, Accept-Language',
});

/** Meta tags from loader data that carries an already translated `title` and `description`. */
export function titleAndDescription(page: { title?: string; description?: string } | undefined): MetaDescriptor[] {
  return [{ title: page?.title }, { name: 'description', content: page?.description }];
}
