import type { KeyObject } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { comparePaths, hashFile, listBundleFiles, sha256Hex } from './manifest-hash.ts';
import { MANIFEST_FILE, SIGNATURE_FILE, UNLISTED, type Manifest } from './manifest-schema.ts';
import { parseManifest } from './manifest.ts';
import { checkSignature } from './sign.ts';
import { readZipBundle } from './zip.ts';

export interface ChangedFile {
  path: string;
  expected: { sha256: string; size: number };
  actual: { sha256: string; size: number };
}

/**
 * - `absent`: not signed and no key given; `unchecked`: signed, but no `--pub-key` to check it with;
 * - `valid` / `invalid`: checked; `missing`: a key was given but the bundle has no manifest.sig.
 */
export type SignatureStatus = 'absent' | 'unchecked' | 'valid' | 'invalid' | 'missing';

export interface VerifyResult {
  source: string;
  manifest: Manifest;
  /** Listed in the manifest, not in the bundle. */
  missing: string[];
  /** In the bundle, not listed. */
  added: string[];
  /** Listed with another hash or size. */
  changed: ChangedFile[];
  signature: SignatureStatus;
  signatureDetail?: string;
  /** True when no file is missing, added or changed and the signature is not invalid or missing. */
  ok: boolean;
}

/** The bundle's files, from a directory or a zip, behind one interface. */
interface BundleSource {
  files(): Promise<string[]>;
  hash(rel: string): Promise<{ sha256: string; size: number }>;
  read(rel: string): Promise<Uint8Array | undefined>;
}

function dirSource(dir: string): BundleSource {
  return {
    files: () => listBundleFiles(dir),
    hash: (rel) => hashFile(path.join(dir, rel)),
    read: async (rel) => (existsSync(path.join(dir, rel)) ? readFile(path.join(dir, rel)) : undefined),
  };
}

function zipSource(entries: Map<string, Uint8Array>): BundleSource {
  return {
    files: async () => [...entries.keys()].filter((p) => !UNLISTED.has(p)).sort(comparePaths),
    hash: async (rel) => ({ sha256: sha256Hex(entries.get(rel)!), size: entries.get(rel)!.length }),
    read: async (rel) => entries.get(rel),
  };
}

/** Opens a bundle directory or a `.zip` of one. */
async function openSource(target: string): Promise<BundleSource> {
  if (!existsSync(target)) throw new BadInputError('BAD_BUNDLE', `${target}: no such file or directory`);
  if (statSync(target).isDirectory()) return dirSource(target);
  return zipSource(await readZipBundle(target));
}

/** Re-hashes every file of a bundle (directory or zip) against its manifest and checks the signature. */
export async function verifyBundle(target: string, opts: { publicKey?: KeyObject } = {}): Promise<VerifyResult> {
  const src = await openSource(target);
  const manifestBytes = await src.read(MANIFEST_FILE);
  if (!manifestBytes) throw new BadInputError('BAD_BUNDLE', `${target}: no ${MANIFEST_FILE} (not an evidence bundle, or the crawl did not finish)`);
  const manifest = parseManifest(manifestBytes, `${target}: ${MANIFEST_FILE}`);

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const present = await src.files();
  const presentSet = new Set(present);
  const missing = manifest.files.map((f) => f.path).filter((p) => !presentSet.has(p));
  const added = present.filter((p) => !listed.has(p));
  const changed: ChangedFile[] = [];
  for (const p of present) {
    const want = listed.get(p);
    if (!want) continue;
    const got = await src.hash(p);
    if (got.sha256 !== want.sha256 || got.size !== want.size) {
      changed.push({ path: p, expected: { sha256: want.sha256, size: want.size }, actual: got });
    }
  }

  const sigBytes = await src.read(SIGNATURE_FILE);
  let signature: SignatureStatus;
  let signatureDetail: string | undefined;
  if (opts.publicKey) {
    if (!sigBytes) signature = 'missing';
    else {
      const check = checkSignature(manifest, sigBytes, opts.publicKey);
      signature = check.ok ? 'valid' : 'invalid';
      signatureDetail = check.ok ? `key ${check.keyId.slice(0, 16)}…` : check.reason;
    }
  } else signature = sigBytes ? 'unchecked' : 'absent';

  const ok = !missing.length && !added.length && !changed.length && signature !== 'invalid' && signature !== 'missing';
  return { source: target, manifest, missing, added, changed, signature, signatureDetail, ok };
}

/** Human lines for `govapp verify`. */
export function formatVerifyResult(r: VerifyResult): string[] {
  const lines: string[] = [];
  for (const p of r.missing) lines.push(`missing  ${p}`);
  for (const p of r.added) lines.push(`added    ${p}`);
  for (const c of r.changed) lines.push(`changed  ${c.path} (size ${c.expected.size} → ${c.actual.size}, sha256 ${c.expected.sha256.slice(0, 12)}… → ${c.actual.sha256.slice(0, 12)}…)`);
  const sig: Record<SignatureStatus, string> = {
    absent: 'not signed',
    unchecked: `signed (${SIGNATURE_FILE}), not checked: pass --pub-key to check`,
    valid: `signature valid${r.signatureDetail ? ` (${r.signatureDetail})` : ''}`,
    invalid: `SIGNATURE INVALID: ${r.signatureDetail}`,
    missing: `SIGNATURE MISSING: --pub-key given but the bundle has no ${SIGNATURE_FILE}`,
  };
  const n = r.manifest.files.length;
  lines.push(`${r.ok ? 'OK' : 'FAILED'}: ${r.source}: ${n} files listed, ${r.missing.length} missing, ${r.added.length} added, ${r.changed.length} changed; ${sig[r.signature]}`);
  return lines;
}
