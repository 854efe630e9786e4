import { escapeXml } from '@govapp/app-graph/xml-escape';

/**
 * Escapes a string for an XML 1.0 attribute value, as Android's serialiser writes page sources:
 * entities for `& < > " '`, numeric references for tab/LF/CR and for characters beyond the BMP
 * (`&#131072;`), U+FFFD for what XML 1.0 cannot carry. Pure; the one escaper (packages/app-graph).
 */
export function escapeAttr(s: string): string {
  return escapeXml(s, { whitespace: 'reference', astral: 'reference' });
}

/** `name="value"` pairs in order, skipping undefined values. */
export function attrs(pairs: ReadonlyArray<readonly [string, string | number | boolean | undefined]>): string {
  return pairs
    .filter((p) => p[1] !== undefined)
    .map(([k, v]) => `${k}="${escapeAttr(String(v))}"`)
    .join(' ');
}
