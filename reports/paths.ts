import path from 'node:path';

/**
 * Paths inside a bundle come from its JSON files, which a tampered or hostile bundle controls:
 * only plain relative paths that stay inside the bundle are followed or linked.
 */
export function isBundleRelative(rel: unknown): rel is string {
  if (typeof rel !== 'string' || rel === '' || rel.length > 1024) return false;
  if (rel.startsWith('/') || rel.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return false;
  return rel.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Absolute path of a bundle-relative path, or undefined when it is not one. */
export function resolveInBundle(dir: string, rel: unknown): string | undefined {
  return isBundleRelative(rel) ? path.join(dir, ...rel.split('/')) : undefined;
}

/** A relative URL for a bundle-relative path (each segment percent-encoded), or undefined. */
export function bundleHref(rel: unknown): string | undefined {
  return isBundleRelative(rel) ? rel.split('/').map(encodeURIComponent).join('/') : undefined;
}
