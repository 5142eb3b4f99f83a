// The Markdown programme officers write in impact updates, as a small safe subset (decision 028):
// paragraphs, *emphasis*, **strong**, [links](https://…) and lists (- item, 1. item). It is parsed
// into a tree of plain strings, never into HTML: the page renders the tree as React elements (so
// every character of text is escaped, and `<script>`, `onerror=` or any other markup shows as
// the text it is), and IATI and emails take its plain-text form. A link keeps only an http(s)
// target; any other (javascript:, data:, relative) leaves its label as plain text.

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'em' | 'strong'; children: MarkdownInline[] }
  | { type: 'link'; href: string; children: MarkdownInline[] };

export type MarkdownBlock =
  { type: 'paragraph'; children: MarkdownInline[] } | { type: 'list'; ordered: boolean; items: MarkdownInline[][] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const LINK = /^\[([^\]\n]{1,500})\]\(((?:[^()\s]|\([^()\s]*\)){1,2000})\)/;
const ESCAPABLE = /[\\*_[\]()#+\-.!`]/;

/** The URL when it is an absolute http(s) URL, else null. */
export function safeLinkTarget(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function pushText(out: MarkdownInline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Index of the closing `marker` after `from`, not preceded by a space; -1 if none. */
function closing(text: string, marker: string, from: number): number {
  for (let j = text.indexOf(marker, from); j >= 0; j = text.indexOf(marker, j + 1)) {
    if (j > from && text[j - 1] !== ' ' && text[j - 1] !== '\\') return j;
  }
  return -1;
}

function parseInline(text: string, depth = 0): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (ch === '\\' && ESCAPABLE.test(next)) {
      pushText(out, next);
      i += 2;
      continue;
    }
    if (depth < 4 && text.startsWith('**', i) && next !== ' ') {
      const end = closing(text, '**', i + 2);
      if (end > 0) {
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    const startsWord = i === 0 || !/[\p{L}\p{N}]/u.test(text[i - 1] ?? '');
    if (depth < 4 && (ch === '*' || (ch === '_' && startsWord)) && next !== ' ' && next !== ch) {
      const end = closing(text, ch, i + 1);
      if (end > 0) {
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const match = LINK.exec(text.slice(i));
      if (match) {
        const [whole, label = '', target = ''] = match;
        const href = safeLinkTarget(target);
        const children = parseInline(label, depth + 1);
        if (href) out.push({ type: 'link', href, children });
        else for (const child of children) out.push(child);
        i += whole.length;
        continue;
      }
    }
    pushText(out, ch);
    i += 1;
  }
  return out;
}

/** Markdown text → blocks of the safe subset. Lines of a paragraph are joined by a space. */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    paragraph = [];
    list = null;
  };
  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trim();
    const bullet = BULLET.exec(rawLine);
    const numbered = bullet ? null : NUMBERED.exec(rawLine);
    if (!line) flush();
    else if (bullet || numbered) {
      const ordered = Boolean(numbered);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1]?.trim() ?? '');
    } else if (list && /^\s/.test(rawLine) && list.items.length) {
      // An indented line continues the list item above.
      list.items[list.items.length - 1] += ` ${line}`;
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

function inlineText(nodes: MarkdownInline[]): string {
  return nodes
    .map((node) =>
      node.type === 'text' ? node.text : node.type === 'link' ? `${inlineText(node.children)} (${node.href})` : inlineText(node.children),
    )
    .join('');
}

/** The plain-text form (IATI narratives, emails): paragraphs apart, list items on their own lines. */
export function markdownToPlainText(source: string): string {
  return parseMarkdown(source)
    .map((block) =>
      block.type === 'paragraph'
        ? inlineText(block.children)
        : block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '-'} ${inlineText(item)}`).join('\n'),
    )
    .join('\n\n');
}
