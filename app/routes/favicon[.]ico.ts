// /favicon.ico: browsers and crawlers ask for it whatever the page links; the icon is the SVG in
// public/ (linked from root.tsx), so this answers with a permanent redirect instead of a 404.
import { redirect } from '@remix-run/node';

export function loader() {
  return redirect('/favicon.svg', { status: 301, headers: { 'Cache-Control': 'public, max-age=86400' } });
}
