/**
 * The one escaper for every markup govapp writes for people (HTML and PDF reports, SVG, JUnit XML,
 * the batch summary), and the bidi filter for terminal output. Text from the app under test is
 * untrusted: besides markup, it may carry Unicode bidirectional controls (U+202E RIGHT-TO-LEFT
 * OVERRIDE …) that would reverse the report's own sentences around it; they are removed from what
 * is shown (the bundle's JSON keeps the text as recorded). The escaping itself is the shared
 * `escapeXml` (packages/app-graph), which the page sources use too.
 */
import { escapeXml } from '@govapp/app-graph/xml-escape';

/** Bidi embeddings, overrides, isolates and marks: U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Text without bidi controls: for the terminal and anywhere app text sits inside our own sentences. */
export function stripBidi(value: unknown): string {
  return String(value ?? '').replace(BIDI_CONTROLS, '');
}

/** Safe in element text and in quoted attribute values of HTML, SVG and XML. */
export function escapeMarkup(value: unknown): string {
  return escapeXml(stripBidi(value));
}
