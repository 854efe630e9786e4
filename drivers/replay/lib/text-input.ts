/**
 * Text input as an app-graph device models it: unsupported code points become the replacement
 * string, and WebDriver key values (the U+E000 block) edit the text the way a soft keyboard would.
 * Pure; every loop walks code points, never UTF-16 units, so a supplementary character such as
 * U+20000 counts as one character (and a surrogate pair split over two keystrokes joins up again).
 */
import type { AppGraph } from '@govapp/app-graph/schema';

export type CodePointRange = readonly [number, number];

export interface InputRules {
  unsupported: CodePointRange[];
  replacement: string;
}

/** `input` of app.json → numeric ranges; no `input` means every character is supported. */
export function inputRules(graph: Pick<AppGraph, 'input'>): InputRules {
  const input = graph.input;
  if (!input) return { unsupported: [], replacement: '?' };
  const cp = (s: string) => parseInt(s.slice(2), 16);
  return {
    unsupported: input.unsupported.map(([lo, hi]) => [cp(lo), cp(hi)] as const),
    replacement: input.replacement,
  };
}

/** Replaces every code point inside an unsupported range with the replacement string. */
export function sanitize(text: string, rules: InputRules): string {
  if (rules.unsupported.length === 0) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += rules.unsupported.some(([lo, hi]) => cp >= lo && cp <= hi) ? rules.replacement : ch;
  }
  return out;
}

const BACKSPACE = '\uE003';
const SPACE = '\uE00D';
const CLEAR = '\uE005';

/** True for a WebDriver special key (NULL … R_DELETE live in U+E000–U+E05D). */
function isSpecialKey(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= 0xe000 && cp <= 0xe05d;
}

/**
 * Applies typed keys to the current text: characters append, Backspace removes the last code
 * point, Clear empties the field, Space types a space; other special keys (Enter, arrows, modifiers)
 * leave the text as it is, since a single-line EditText ignores them.
 */
export function applyKeys(current: string, keys: string): string {
  const chars = Array.from(current);
  for (const ch of keys) {
    if (ch === BACKSPACE) chars.pop();
    else if (ch === CLEAR) chars.length = 0;
    else if (ch === SPACE) chars.push(' ');
    else if (!isSpecialKey(ch)) chars.push(ch);
  }
  return chars.join('');
}

/** Typing targets: any class whose name ends in `EditText` (AppCompatEditText, TextInputEditText …). */
export function isEditable(className: string | undefined): boolean {
  return !!className && className.endsWith('EditText');
}
