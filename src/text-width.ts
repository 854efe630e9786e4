/**
 * East Asian wide and fullwidth characters (Hangul Jamo, CJK and its punctuation, Hangul
 * syllables, compatibility ideographs, vertical and fullwidth forms, the supplementary ideograph
 * planes): they take two terminal columns, and about one em where a label is drawn.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

export function isWide(ch: string): boolean {
  return WIDE.test(ch);
}
