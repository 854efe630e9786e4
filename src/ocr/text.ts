/**
 * Text normalisation for comparing OCR output with accessibility text. Pure.
 *
 * OCR splits and joins lines, drops or invents spaces and confuses full- and half-width forms
 * (`：` / `:`, `１` / `1`), so texts are compared through a key, never as they are.
 */

/** CJK punctuation that NFKC leaves alone, folded to the ASCII form OCR tends to output. */
const CJK_PUNCT: Readonly<Record<string, string>> = {
  '。': '.',
  '、': ',',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '—': '-',
  '–': '-',
  '－': '-',
  '·': '.',
  '・': '.',
};
const CJK_PUNCT_RE = new RegExp(`[${Object.keys(CJK_PUNCT).join('')}]`, 'g');

/** Whitespace including zero-width characters and the BOM. */
const SPACE_RE = /[\s\u200b-\u200d\u2060\ufeff]+/g;

/** NFKC (full-width → half-width), CJK punctuation folded to ASCII, all whitespace removed. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(CJK_PUNCT_RE, (c) => CJK_PUNCT[c]).replace(SPACE_RE, '');
}

/** Letters and digits only, lower-cased: what two readings of the same text must share. */
export function matchKey(s: string): string {
  return normalizeText(s)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

/** Code points of `s` (so that a character outside the BMP counts once). */
export function chars(s: string): string[] {
  return Array.from(s);
}

/**
 * How many characters of `a` also occur in `b`, as multisets (order ignored).
 * `commonChars('政府办公室', '市政府办公厅') === 4`.
 */
export function commonChars(a: string, b: string): number {
  const pool = new Map<string, number>();
  for (const c of chars(b)) pool.set(c, (pool.get(c) ?? 0) + 1);
  let n = 0;
  for (const c of chars(a)) {
    const left = pool.get(c) ?? 0;
    if (left > 0) {
      n++;
      pool.set(c, left - 1);
    }
  }
  return n;
}

/** Share of `a`'s characters found in `b` (0..1; 0 when `a` is empty). */
export function coverage(a: string, b: string): number {
  const n = chars(a).length;
  return n === 0 ? 0 : commonChars(a, b) / n;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const y = chars(b);
  return lastRow(chars(a), y, false)[y.length];
}

/**
 * Edit distance of `needle` against the best-matching substring of `haystack` (insertions before
 * and after the match are free). Measures how well a known text was recovered inside OCR output
 * that also holds other text.
 */
export function substringDistance(needle: string, haystack: string): number {
  return Math.min(...lastRow(chars(needle), chars(haystack), true));
}

/**
 * The one Levenshtein loop: the last row of the distance table of `x` against `y` (two rows kept).
 * `freeStart` makes skipping a prefix of `y` cost nothing (row 0 all zeros), for substring matching.
 */
function lastRow(x: string[], y: string[], freeStart: boolean): number[] {
  let prev = Array.from({ length: y.length + 1 }, (_, j) => (freeStart ? 0 : j));
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev;
}
