/**
 * The one XML escaper. Every markup the project writes goes through {@link escapeXml}: the page
 * sources it serves or records (replay driver, DOM → UiAutomator2 conversion) and, behind the
 * host's `src/escape.ts` (which removes bidi controls first), its HTML/SVG/JUnit reports.
 *
 * Always: `& < > " '` become entities, so the result is safe in element text and in attribute
 * values quoted either way. The options only say how to write what XML 1.0 cannot carry as is.
 */
export interface XmlEscapeOptions {
  /**
   * Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
   * `replace` with U+FFFD so the loss stays visible (default), or `drop` them as the UiAutomator2
   * server does when it serialises a page source.
   */
  invalid?: 'replace' | 'drop';
  /**
   * Tab, LF and CR: `literal` (default; right for element text) or numeric `reference`s, which an
   * attribute value needs to survive XML attribute-value normalisation.
   */
  whitespace?: 'literal' | 'reference';
  /** Characters beyond the BMP: `literal` (default) or numeric `reference`s (`&#131072;`), as Android's serialiser writes them. */
  astral?: 'literal' | 'reference';
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Whether a code point cannot appear in an XML 1.0 document at all. */
export function isInvalidXmlChar(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff;
}

export function escapeXml(value: string, options: XmlEscapeOptions = {}): string {
  const { invalid = 'replace', whitespace = 'literal', astral = 'literal' } = options;
  let out = '';
  // for…of walks code points: a valid pair is one step, a lone surrogate is a step of its own.
  for (const ch of value) {
    const entity = ENTITIES[ch];
    if (entity !== undefined) {
      out += entity;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) out += whitespace === 'reference' ? `&#${cp};` : ch;
    else if (isInvalidXmlChar(cp)) out += invalid === 'replace' ? '\ufffd' : '';
    else if (cp > 0xffff && astral === 'reference') out += `&#${cp};`;
    else out += ch;
  }
  return out;
}
