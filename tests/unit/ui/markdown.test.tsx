// The safe Markdown subset of impact updates: what officers may write renders as intended, and
// anything else (raw HTML, script, event handlers, javascript:/data: links) ends up as inert text.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { markdownToPlainText, parseMarkdown, safeLinkTarget } from '~/platform/markdown.ts';
import { Markdown } from '~/ui/markdown.tsx';

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe('the safe Markdown subset', () => {
  it('renders paragraphs, emphasis, strong, http(s) links and both kinds of list', () => {
    const source = [
      'Patrols **began** in *June*, see [the report](https://example.org/report?a=1&b=2).',
      'Second line of the same paragraph.',
      '',
      '- trained _120_ officers',
      '- opened 3 posts',
      '',
      '1. first',
      '2. second',
    ].join('\n');
    expect(html(source)).toBe(
      '<p>Patrols <strong>began</strong> in <em>June</em>, see ' +
        '<a href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer nofollow">the report</a>.' +
        ' Second line of the same paragraph.</p>' +
        '<ul><li>trained <em>120</em> officers</li><li>opened 3 posts</li></ul>' +
        '<ol><li>first</li><li>second</li></ol>',
    );
  });

  it('shows script tags and raw HTML as text, never as markup', () => {
    const out = html('Hello <script>alert(1)</script> <b>bold</b>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('neutralises on* attributes: an <img onerror> is text, not an element', () => {
    const out = html('<img src=x onerror="alert(1)"> and <a href="https://x" onclick="steal()">x</a>');
    expect(out).not.toMatch(/<img|<a /);
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('keeps only http(s) link targets: javascript:, data:, relative and malformed targets leave plain text', () => {
    for (const target of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>x</script>',
      '/relative',
      'vbscript:x',
      '//evil',
    ]) {
      const out = html(`[click](${target})`);
      expect(out, target).toBe('<p>click</p>');
    }
    expect(safeLinkTarget('http://example.org')).toBe('http://example.org/');
    // An attribute cannot be broken out of: the href is a URL React escapes.
    expect(html('[x](https://example.org/"onmouseover="alert(1))')).not.toContain('"onmouseover');
  });

  it('gives IATI and emails a plain-text form', () => {
    expect(markdownToPlainText('A **b** [c](https://e.org)\n\n- one\n- two')).toBe('A b c (https://e.org/)\n\n- one\n- two');
    expect(parseMarkdown('')).toEqual([]);
  });
});
