import { Converter } from 'opencc-js/t2cn';

/**
 * Label normalisation for the safety policy: what a person reads, in one canonical spelling, so
 * that a word list is matched on meaning rather than on code points. Pure.
 *
 * - NFKC: full-width → half-width, compatibility ideographs and Kangxi radicals (⽀ U+2F40) →
 *   the unified ideograph (支);
 * - invisible characters removed: zero-width spaces and joiners, word joiner, BOM, soft hyphen,
 *   combining grapheme joiner, Mongolian vowel separator, bidi embeddings/overrides/isolates/marks;
 * - traditional → simplified Chinese with OpenCC (Hong Kong variants, then Taiwan phrases:
 *   刪除 → 删除, 註銷帳號 → 注销帐号; character-level, so 登出 stays 登出 rather than
 *   becoming the mainland 注销, which means closing the account);
 * - case-folded, separators (`-`, `_`, `·`) and runs of whitespace folded to one space.
 */

// The class lists single invisible code points (combining grapheme joiner, variation selectors) on purpose.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;

const fromHongKong = Converter({ from: 'hk', to: 'cn' });
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });

const cache = new Map<string, string>();
const CACHE_MAX = 20_000;

export function normalizeLabel(s: string): string {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const folded = fromTaiwan(fromHongKong(s.normalize('NFKC').replace(INVISIBLE, '')))
    .toLowerCase()
    .replace(/[-_·•|/\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(s, folded);
  return folded;
}

/** The normalised label without any space: how Chinese words are matched (提 交 is 提交). */
export function compactLabel(s: string): string {
  return normalizeLabel(s).replace(/ /g, '');
}

/** Letters counted for "is this a command or a sentence": CJK ideographs and Latin words. */
export function labelSize(normalized: string): { cjk: number; words: number } {
  const cjk = (normalized.match(/\p{Script=Han}/gu) ?? []).length;
  const words = (normalized.match(/[a-z]+/g) ?? []).length;
  return { cjk, words };
}
