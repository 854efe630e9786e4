/** Text helpers shared by detectors. Pure. */

const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/**
 * NFKC (full-width letters and digits, ＩＣＰ → ICP, compatibility ideographs, … → ...),
 * invisible characters removed, whitespace runs collapsed to one space, trimmed.
 */
export function norm(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** `norm` without any whitespace: for matching Chinese words an OCR or a layout split apart. */
export function squash(s: string): string {
  return norm(s).replace(/\s+/g, '');
}

/** The first term (in list order) contained in `text`, compared squashed and case-blind; undefined when none. */
export function findTerm(text: string, terms: readonly string[]): string | undefined {
  const t = squash(text).toUpperCase();
  return terms.find((term) => t.includes(squash(term).toUpperCase()));
}

/** Every term contained in `text`, in list order. */
export function findTerms(text: string, terms: readonly string[]): string[] {
  const t = squash(text).toUpperCase();
  return terms.filter((term) => t.includes(squash(term).toUpperCase()));
}

/** Ends (or starts) with an ellipsis: `…`, `...`, `⋯`, `。。。` (NFKC turns `…` into `...`). */
export function hasEllipsis(s: string): boolean {
  const t = norm(s);
  return /(\.{2,}|…|⋯|。{2,})$/.test(t) || /^(\.{2,}|…|⋯)/.test(t);
}

/** Removes a trailing/leading ellipsis. */
export function stripEllipsis(s: string): string {
  return norm(s)
    .replace(/(\.{2,}|…|⋯|。{2,})$/, '')
    .replace(/^(\.{2,}|…|⋯)/, '')
    .trim();
}

/** A text as the screen shows it (no NFKC), invisible characters removed, whitespace collapsed: for evidence and summaries. */
export function display(s: string): string {
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Quotes a text for a Chinese summary (as displayed), shortened to `max` characters. */
export function quote(s: string, max = 30): string {
  const chars = Array.from(display(s));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** Length in characters (code points) of the squashed text. */
export function charLength(s: string): number {
  return Array.from(squash(s)).length;
}

export function unique<T>(items: Iterable<T>, key: (t: T) => string = String): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(it);
    }
  }
  return out;
}
