/**
 * Escaping for everything the reports write as markup (HTML, SVG, JUnit XML): the one escaper in
 * src/escape.ts (markup entities, XML-invalid characters, bidi controls removed). Text from the app
 * under test goes through {@link escapeMarkup} in text and in attribute values, never into a
 * script, style or URL position.
 */
export { escapeMarkup, stripBidi } from '../src/escape.ts';
