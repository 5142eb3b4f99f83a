// /photos/:code/:width-:hash.webp — one WebP rendition of a project's photo (docs/decisions/058).
// The hash is the rendition's content hash, so the URL never changes meaning: browsers and proxies
// may keep it a year without asking again. A replaced photo has new URLs; old ones answer 404.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { getPhotoRendition } from '~/programmes/photos/photo-queries.server.ts';

const FILE = /^(\d{2,4})-([0-9a-f]{16})\.webp$/;
const CODE = /^[A-Za-z0-9-]{1,32}$/;

const notFound = () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = FILE.exec(params.file ?? '');
  if (!match || !CODE.test(params.code ?? '')) return notFound();
  const etag = `"${match[2]}"`;
  const rendition = await getPhotoRendition({ code: params.code ?? '', width: Number(match[1]), hash: match[2] ?? '' });
  if (!rendition) return notFound();
  const headers = {
    'Content-Type': 'image/webp',
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if ((request.headers.get('If-None-Match') ?? '').split(/\s*,\s*/).includes(etag)) return new Response(null, { status: 304, headers });
  return new Response(rendition.bytes, { headers: { ...headers, 'Content-Length': String(rendition.bytes.byteLength) } });
}
