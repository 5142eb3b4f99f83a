// A small element tree from XML text, read with htmlparser2 in XML mode (a real tokenizer, already
// a dependency of the email renderer). Namespace prefixes are dropped: camt files use one default
// namespace, some banks prefix it. A DOCTYPE is refused outright, so no entity of a document type
// definition can ever be expanded (XXE); htmlparser2 itself only decodes the five XML entities.
import { Parser } from 'htmlparser2';
import { BankFileError } from './bank-file-error.ts';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

/** Parses XML into elements with their line numbers; throws BankFileError naming the line. */
export function parseXmlTree(xml: string): XmlElement {
  const lineStarts = [0];
  for (let index = xml.indexOf('\n'); index >= 0; index = xml.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: BankFileError | undefined;
  const fail = (message: string, element?: string) => {
    failure ??= new BankFileError(message, { line: lineAt(parser.startIndex), element });
  };
  const localName = (name: string) => name.slice(name.indexOf(':') + 1);
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (name.toLowerCase() === '!doctype') fail('a DOCTYPE is not allowed in a bank statement');
      },
      onopentag(name, attributes) {
        const element: XmlElement = { name: localName(name), attributes, children: [], text: '', line: lineAt(parser.startIndex) };
        const parent = stack.at(-1);
        if (parent) parent.children.push(element);
        else if (root) fail('more than one root element', element.name);
        else root = element;
        stack.push(element);
      },
      ontext(text) {
        const current = stack.at(-1);
        if (current) current.text += text;
        else if (text.trim() !== '') fail('text outside the root element');
      },
      onclosetag(name, isImplied) {
        const element = stack.pop();
        // htmlparser2 reports "<Tag/>" as an implied close too: only a close the file lacks is a fault
        const isSelfClosing = xml[parser.endIndex] === '>' && xml[parser.endIndex - 1] === '/';
        if (isImplied && !isSelfClosing) fail(`element is not closed (opened on line ${element?.line ?? '?'})`, localName(name));
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
  if (failure) throw failure;
  if (!root) throw new BankFileError('the file has no XML element', { line: 1 });
  return root;
}

/** The first child named `name`, following a path of names ("Amt", "Refs/EndToEndId"). */
export function child(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const name of path.split('/')) current = current?.children.find((item) => item.name === name);
  return current;
}

/** All children named `name` (one level). */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((item) => item.name === name) : [];
}

/** Trimmed text at `path`, or null when the element is absent or empty. */
export function textAt(element: XmlElement | undefined, path: string): string | null {
  const text = child(element, path)?.text.trim();
  return text ? text : null;
}
