// A page builder's translate function: `t` from getT, with its answers remembered per language
// and namespaces. i18next resolves a key in 20–60 µs (option merging, namespace and key parsing,
// fallbacks, interpolation), and the programme page alone asks for some seventy labels (a status
// per project row, chart and table captions) on every request. The resources are loaded once
// when the process starts and never change while it runs, so a label is fixed by (language,
// namespaces, key, values). Only plain string and number values are remembered (anything else,
// such as a function or an object, goes to i18next every time).
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';

/** What the page builders call: a key, and values for the ones that interpolate. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

// Keys come from the builders' code; values from figures and titles, which change with the data.
// A full map starts over rather than grow, so memory stays bounded whatever the values are.
const MAX_LABELS = 2000;
const memos = new Map<string, Map<string, string>>();

const isPlain = (values: Record<string, unknown>) =>
  Object.values(values).every((value) => typeof value === 'string' || typeof value === 'number');

export function getPageT(locale: Locale, ns: string | string[]): Translate {
  const t = getT(locale, ns);
  const memoKey = `${locale}|${Array.isArray(ns) ? ns.join(',') : ns}`;
  let labels = memos.get(memoKey);
  if (!labels) memos.set(memoKey, (labels = new Map()));
  const memo = labels;
  return (key, values) => {
    if (values && !isPlain(values)) return t(key, values);
    const id = values ? `${key}\u0000${JSON.stringify(values)}` : key;
    let label = memo.get(id);
    if (label === undefined) {
      label = values ? t(key, values) : t(key);
      if (memo.size >= MAX_LABELS) memo.clear();
      memo.set(id, label);
    }
    return label;
  };
}
