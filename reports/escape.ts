/**
 * Escaping for everything the reports write as markup (HTML, SVG, JUnit XML). Text from the app
 * under test is untrusted: it goes through {@link escapeMarkup} in text and in attribute values,
 * never into a script, style or URL position.
 */

/** Characters XML 1.0 cannot hold at all (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/F). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Safe in element text and in quoted attribute values of HTML, SVG and XML. */
export function escapeMarkup(value: unknown): string {
  return String(value ?? '')
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
