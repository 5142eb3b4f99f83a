import { describe, expect, test } from 'vitest';
import {
  activityStatusCodes,
  escapeXmlAttribute,
  escapeXmlText,
  iatiIdentifier,
  REPORTING_ORG_REF,
  renderXmlDocument,
} from '~/funding/iati/iati-xml.server.ts';

describe('XML writer', () => {
  test.each([
    ['a & b', 'a &amp; b'],
    ['<tag>', '&lt;tag&gt;'],
    [']]>', ']]&gt;'],
    ['bell\u0007 and null\u0000 dropped', 'bell and null dropped'],
    ['lone \uD800 surrogate', 'lone  surrogate'],
    ['emoji 🌍 kept', 'emoji 🌍 kept'],
    ['مكتب 联合国', 'مكتب 联合国'],
  ])('text %j', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  test('attributes escape quotes and keep whitespace', () => {
    expect(escapeXmlAttribute(`"O'Brien"\n\t<&>`)).toBe('&quot;O&apos;Brien&quot;&#10;&#9;&lt;&amp;&gt;');
  });

  test('documents: declaration, nesting, empty elements, skipped undefined attributes', () => {
    const xml = renderXmlDocument({
      name: 'root',
      attrs: { a: '1', b: undefined },
      children: [{ name: 'empty' }, { name: 'text', attrs: { 'xml:lang': 'fr' }, text: 'x < y' }],
    });
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<root a="1">\n  <empty/>\n  <text xml:lang="fr">x &lt; y</text>\n</root>\n');
  });

  test('identifiers and status codes', () => {
    expect(iatiIdentifier('GLOT59')).toBe(`${REPORTING_ORG_REF}-GLOT59`);
    expect(REPORTING_ORG_REF).toMatch(/^[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9-]+$/);
    expect(Object.values(activityStatusCodes).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
