import { z } from 'zod';

/**
 * manifest/1: what an evidence bundle holds and who made it. `manifest.json` is written last;
 * `govapp verify` re-hashes every file against it. The signature (`manifest.sig`) covers
 * {@link canonicalJson} of the parsed manifest, so pretty-printing does not matter.
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
/** Files that describe the bundle rather than belong to it: never listed in `files`. */
export const UNLISTED = new Set([MANIFEST_FILE, SIGNATURE_FILE]);

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case hex SHA-256');

export const manifestFileSchema = z.object({
  /** Relative to the bundle root, `/`-separated. */
  path: z.string().min(1),
  sha256,
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.looseObject({
  format: z.literal('manifest/1'),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  /** Clause (or rule id) → rule version the findings were produced with. */
  rules: z.record(z.string(), z.string()),
  device: z
    .looseObject({
      model: z.string().optional(),
      androidVersion: z.string().optional(),
      udid: z.string().optional(),
      screen: z.looseObject({ width: z.number(), height: z.number(), density: z.number().optional() }).optional(),
    })
    .optional(),
  app: z.looseObject({
    package: z.string(),
    label: z.string().optional(),
    versionName: z.string().optional(),
    versionCode: z.union([z.string(), z.number()]).optional(),
    /** SHA-256 of the APK when the app was installed from one. */
    apkSha256: sha256.optional(),
  }),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** When this manifest was written (a re-analysis writes a new one). */
  createdAt: z.string(),
  /** Why this manifest was written: `crawl`, `analyze`, `report`. */
  reason: z.string().optional(),
  files: z.array(manifestFileSchema),
  /**
   * Set when `report`/`analyze --force` re-issued this manifest over a bundle that did not verify
   * (or had no manifest): the failed verification is kept at `record` (a file of the bundle).
   */
  reissued: z.looseObject({ over: z.literal('unverified'), at: z.string(), by: z.string(), record: z.string() }).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type Reissue = NonNullable<Manifest['reissued']>;

/** JSON with object keys sorted at every level and no whitespace: the bytes a signature covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function canonicalManifestBytes(m: Manifest): Buffer {
  return Buffer.from(canonicalJson(m), 'utf8');
}
