/**
 * Escapes a string for an XML 1.0 attribute value in double quotes. Pure.
 *
 * - `& < > "` become entities; tab, newline and carriage return become numeric references so
 *   attribute-value normalisation keeps them.
 * - Characters beyond the BMP become numeric references (`&#131072;`), as page sources write them.
 * - Characters XML 1.0 cannot carry at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
export function escapeAttr(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '&': out += '&amp;'; continue;
      case '<': out += '&lt;'; continue;
      case '>': out += '&gt;'; continue;
      case '"': out += '&quot;'; continue;
      case '\t': out += '&#9;'; continue;
      case '\n': out += '&#10;'; continue;
      case '\r': out += '&#13;'; continue;
    }
    if (cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) out += '\ufffd';
    else if (cp > 0xffff) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

/** `name="value"` pairs in order, skipping undefined values. */
export function attrs(pairs: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): string {
  return pairs
    .filter((p) => p[1] !== undefined)
    .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
    .join(' ');
}
