// Fonts embedded in the account's PDFs (docs/decisions/044): Noto Sans from @fontsource packages in
// node_modules, read from disk at render time (no network). Latin, Latin Extended, Cyrillic and
// Greek come from @fontsource/noto-sans, Arabic from @fontsource/ibm-plex-sans-arabic (its
// letters are whole glyphs: Noto Sans Arabic builds dotted letters from a dotless glyph and a dot
// mark, which react-pdf's fontkit places badly — a final yeh lost its dots — and which cannot be
// copied back out of a PDF as the right letters), Chinese from @fontsource/noto-sans-sc. @fontsource splits Noto Sans SC into ~100 numbered WOFF2 files by
// unicode-range (its unicode.json): a document registers only the files whose ranges hold a
// character it shows, so a Chinese statement embeds a few dozen small files, not 7 MB of font.
// react-pdf picks, per character, the first family of the fontFamily list that has a glyph.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Font } from '@react-pdf/renderer';

const require = createRequire(import.meta.url);
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const WEIGHTS = [400, 700] as const;

/** The absolute path of a file of an @fontsource package (the packages export ./files/*). */
function fontFile(pkg: string, file: string): string {
  return require.resolve(`@fontsource/${pkg}/files/${file}`);
}

const BASE_FAMILIES: { family: string; pkg: string; file: (weight: number) => string }[] = [
  { family: 'NotoSans-latin', pkg: 'noto-sans', file: (w) => `noto-sans-latin-${w}-normal.woff` },
  { family: 'NotoSans-latin-ext', pkg: 'noto-sans', file: (w) => `noto-sans-latin-ext-${w}-normal.woff` },
  { family: 'NotoSans-cyrillic', pkg: 'noto-sans', file: (w) => `noto-sans-cyrillic-${w}-normal.woff` },
  { family: 'NotoSans-cyrillic-ext', pkg: 'noto-sans', file: (w) => `noto-sans-cyrillic-ext-${w}-normal.woff` },
  { family: 'NotoSans-greek', pkg: 'noto-sans', file: (w) => `noto-sans-greek-${w}-normal.woff` },
];
const ARABIC = {
  family: 'IBMPlexSansArabic',
  pkg: 'ibm-plex-sans-arabic',
  file: (w: number) => `ibm-plex-sans-arabic-arabic-${w}-normal.woff`,
};

let baseRegistered = false;
function registerBase(): void {
  if (baseRegistered) return;
  for (const { family, pkg, file } of [...BASE_FAMILIES, ARABIC]) {
    Font.register({ family, fonts: WEIGHTS.map((fontWeight) => ({ src: fontFile(pkg, file(fontWeight)), fontWeight })) });
  }
  // Words are never hyphenated (react-pdf's rules are English ones); Chinese, written without
  // spaces, may break between any two characters, with no hyphen: the empty parts mark the
  // break opportunities (a hyphen glyph there would print as a box in the CJK fonts).
  Font.registerHyphenationCallback((word) => (CJK.test(word) ? Array.from(word).flatMap((char) => [char, '']) : [word]));
  baseRegistered = true;
}

interface CjkSubset {
  key: string;
  ranges: [number, number][];
}

let cjkSubsets: CjkSubset[] | null = null;
/** The numbered Noto Sans SC subsets and their code point ranges, from the package's unicode.json. */
function loadCjkSubsets(): CjkSubset[] {
  if (cjkSubsets) return cjkSubsets;
  const dir = path.dirname(require.resolve('@fontsource/noto-sans-sc/LICENSE'));
  // JSON.parse at a parse boundary: { "[n]": "U+4e00-4e3f,U+4e41,..." }.
  const table = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  cjkSubsets = Object.entries(table)
    .map(([name, ranges]) => ({ key: /^\[(\d+)\]$/.exec(name)?.[1] ?? '', ranges }))
    .filter((entry) => entry.key !== '')
    .map(({ key, ranges }) => ({
      key,
      ranges: ranges.split(',').map((range): [number, number] => {
        const [lo = '', hi] = range.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
      }),
    }));
  return cjkSubsets;
}

const registeredCjk = new Set<string>();
function cjkFamily(key: string): string {
  const family = `NotoSansSC-${key}`;
  if (!registeredCjk.has(key)) {
    Font.register({
      family,
      fonts: WEIGHTS.map((fontWeight) => ({ src: fontFile('noto-sans-sc', `noto-sans-sc-${key}-${fontWeight}-normal.woff`), fontWeight })),
    });
    registeredCjk.add(key);
  }
  return family;
}

// Below this code point, the base families hold every character the portal writes.
const FIRST_CJK = 0x2e80;

/**
 * The fontFamily list for a document showing `text`: the base families, the Arabic font, then the
 * Noto Sans SC subsets that hold its CJK characters (registered on first use). The order matters:
 * an @fontsource file keeps, besides its own unicode-range, stray cmap entries whose glyphs were
 * cut away (fontkit crashes on them), so each character must reach the file made for it first.
 */
function pdfFontFamilies(text: string): string[] {
  registerBase();
  const needed = new Set<string>();
  const seen = new Set<number>();
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < FIRST_CJK || seen.has(code)) continue;
    seen.add(code);
    const subset = loadCjkSubsets().find(({ ranges }) => ranges.some(([lo, hi]) => code >= lo && code <= hi));
    if (subset) needed.add(subset.key);
  }
  const base = BASE_FAMILIES.map(({ family }) => family);
  const cjk = [...needed].sort((a, b) => Number(a) - Number(b)).map(cjkFamily);
  return [...base, ARABIC.family, ...cjk];
}

interface ShapedRun {
  glyphs: { codePoints: number[] }[];
}
interface LayoutFont {
  layout: (...args: unknown[]) => ShapedRun;
}

const isArabic = (code: number) => (code >= 0x0600 && code <= 0x08ff) || (code >= 0xfb50 && code <= 0xfeff);
const preparedFonts = new WeakSet<object>();
const reversedGlyphs = new WeakSet<object>();

/** Every family registered so far (the base ones, the Arabic one, the CJK subsets used until now). */
function registeredFamilies(): string[] {
  return [...BASE_FAMILIES.map(({ family }) => family), ARABIC.family, ...[...registeredCjk].map((key) => `NotoSansSC-${key}`)];
}

/**
 * Loads the registered fonts and adjusts two things react-pdf 4.9 gets wrong with them, once per
 * loaded font:
 * - Names. Every @fontsource file of a family carries the family's PostScript name (the Latin and
 *   Cyrillic files are both "NotoSans-Regular", the SC subsets all one name): pdfkit keeps one
 *   font per name, so a second file of the same name was embedded again for every run of text
 *   (a Chinese statement of 100 gifts: 3.4 MB and 20 s). Each file gets a name of its own.
 * - Arabic ligatures. A ligature glyph (lam-alef, and the pairs IBM Plex joins) carries its
 *   letters in reading order, but react-pdf draws a right-to-left line's glyphs in visual order
 *   and writes each glyph's letters into the PDF's ToUnicode map as they are: text extractors
 *   (poppler, pdf.js), which put a right-to-left line back into reading order letter by letter,
 *   then read "لا" as "ال". Reversing an Arabic ligature's letters once, when fontkit shapes it,
 *   makes copied and extracted text read right.
 */
async function prepareFonts(): Promise<void> {
  registerBase();
  for (const fontFamily of registeredFamilies()) {
    for (const fontWeight of WEIGHTS) {
      const source = Font.getFont({ fontFamily, fontWeight });
      await source.load();
      // The loaded fontkit font, typed by react-pdf as its own union: only its name and layout() are touched.
      const font = source.data as unknown as LayoutFont | null;
      if (!font || preparedFonts.has(font)) continue;
      Object.defineProperty(font, 'postscriptName', { value: `${fontFamily}-${fontWeight}` });
      if (fontFamily === ARABIC.family) {
        const layout = font.layout.bind(font);
        font.layout = (...args: unknown[]) => {
          const run = layout(...args);
          for (const glyph of run.glyphs) {
            if (glyph.codePoints.length < 2 || reversedGlyphs.has(glyph) || !glyph.codePoints.some(isArabic)) continue;
            glyph.codePoints = [...glyph.codePoints].reverse();
            reversedGlyphs.add(glyph);
          }
          return run;
        };
      }
      preparedFonts.add(font);
    }
  }
}

// Marks that only steer the Unicode bidi algorithm (Intl puts U+200F before Arabic amounts): the
// PDF's layout runs the algorithm itself with each paragraph's direction, and the fonts have no
// glyph for them.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text as a PDF shows it: without invisible bidi controls. */
export function pdfText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The fontFamily list for a document showing `text`, its fonts registered, loaded and prepared. */
export async function pdfFontsFor(text: string): Promise<string[]> {
  const families = pdfFontFamilies(text);
  await prepareFonts();
  return families;
}
