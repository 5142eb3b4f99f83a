// Tiny readers for server-rendered chart markup (renderToStaticMarkup output is regular enough
// for this; the project has no DOM library for Node tests).
export type Attrs = Record<string, string>;

export function attributes(source: string): Attrs {
  const attrs: Attrs = {};
  for (const match of source.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[match[1] ?? ''] = match[2] ?? '';
  return attrs;
}

/** Every opening tag `<tag …>` (or self-closing) in order, with its attributes. */
export function elements(html: string, tag: string): Attrs[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, 'g'))].map((m) => attributes(m[1] ?? ''));
}

/** The bar rectangles of one category: series key → rect attributes (numbers). */
export function barsOf(
  html: string,
  category: string,
): Record<string, { x: number; y: number; width: number; height: number; className: string }> {
  const start = html.indexOf(`data-category="${category}"`);
  if (start < 0) throw new Error(`no category ${category}`);
  // Up to the next category or the end of the chart (the legend's swatches come after </svg>).
  const ends = [html.indexOf('data-category="', start + 1), html.indexOf('</svg>', start)].filter((i) => i >= 0);
  const chunk = html.slice(start, Math.min(...ends));
  const bars: ReturnType<typeof barsOf> = {};
  for (const match of chunk.matchAll(/data-series="([^"]+)">(?:<title>[^<]*<\/title>)?<rect([^>]*?)\/?>/g)) {
    const a = attributes(match[2] ?? '');
    bars[match[1] ?? ''] = { x: Number(a.x), y: Number(a.y), width: Number(a.width), height: Number(a.height), className: a.class ?? '' };
  }
  return bars;
}

export function textOf(html: string, tag: string, id: string): string | undefined {
  return new RegExp(`<${tag} id="${id}">([^<]*)</${tag}>`).exec(html)?.[1];
}
