import type { KeyObject } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { specialKind } from '../fs/confine.ts';
import { comparePaths, hashFile, listBundleEntries, type SpecialEntry } from './manifest-hash.ts';
import { MANIFEST_FILE, SIGNATURE_FILE, UNLISTED, type Manifest } from './manifest-schema.ts';
import { parseManifest } from './manifest.ts';
import { checkSignature } from './sign.ts';
import { openZipBundle, type ZipBundle } from './zip.ts';

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
  /** Symbolic links, FIFOs, devices or sockets in the bundle: never followed or opened, always a failure. */
  special: SpecialEntry[];
  signature: SignatureStatus;
  signatureDetail?: string;
  /** True when no file is missing, added or changed and the signature is not invalid or missing. */
  ok: boolean;
}

/** The bundle's files, from a directory or a zip, behind one interface. */
interface BundleSource {
  files(): Promise<{ files: string[]; special: SpecialEntry[] }>;
  hash(rel: string): Promise<{ sha256: string; size: number }>;
  read(rel: string): Promise<Uint8Array | undefined>;
}

/** Reads a small top-level file (manifest, signature) without following a link or opening a FIFO. */
async function readRegular(dir: string, rel: string): Promise<Uint8Array | undefined> {
  const file = path.join(dir, rel);
  let st;
  try {
    st = await lstat(file);
  } catch {
    return undefined;
  }
  const kind = specialKind(st);
  if (kind || !st.isFile()) throw new BadInputError('BAD_BUNDLE', `${file}: ${kind ?? 'not a regular file'}; refused`);
  return readFile(file, { flag: constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK });
}

function dirSource(dir: string): BundleSource {
  return {
    files: () => listBundleEntries(dir),
    hash: (rel) => hashFile(path.join(dir, rel)),
    read: (rel) => readRegular(dir, rel),
  };
}

function zipSource(zip: ZipBundle): BundleSource {
  return {
    files: async () => ({ files: zip.paths.filter((p) => !UNLISTED.has(p)).sort(comparePaths), special: [] }),
    hash: (rel) => zip.hash(rel),
    read: (rel) => zip.read(rel),
  };
}

/** Opens a bundle directory or a `.zip` of one; anything else (a FIFO, a device, a link) is refused unopened. */
async function openSource(target: string): Promise<BundleSource> {
  let st;
  try {
    st = await lstat(target);
  } catch {
    throw new BadInputError('BAD_BUNDLE', `${target}: no such file or directory`);
  }
  // The bundle itself may be named through a link (as /tmp may be); what it holds is checked unfollowed.
  if (st.isSymbolicLink()) st = await stat(target);
  if (st.isDirectory()) return dirSource(target);
  if (!st.isFile()) throw new BadInputError('BAD_BUNDLE', `${target}: ${specialKind(st) ?? 'not a regular file'}; not a bundle directory or zip`);
  return zipSource(await openZipBundle(target));
}

/** Re-hashes every file of a bundle (directory or zip) against its manifest and checks the signature. */
export async function verifyBundle(target: string, opts: { publicKey?: KeyObject } = {}): Promise<VerifyResult> {
  const src = await openSource(target);
  const manifestBytes = await src.read(MANIFEST_FILE);
  if (!manifestBytes) throw new BadInputError('BAD_BUNDLE', `${target}: no ${MANIFEST_FILE} (not an evidence bundle, or the crawl did not finish)`);
  const manifest = parseManifest(manifestBytes, `${target}: ${MANIFEST_FILE}`);

  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  const { files: present, special } = await src.files();
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

  const ok = !missing.length && !added.length && !changed.length && !special.length && signature !== 'invalid' && signature !== 'missing';
  return { source: target, manifest, missing, added, changed, special, signature, signatureDetail, ok };
}

/** Human lines for `govapp verify`. */
export function formatVerifyResult(r: VerifyResult): string[] {
  const lines: string[] = [];
  for (const p of r.missing) lines.push(`missing  ${p}`);
  for (const p of r.added) lines.push(`added    ${p}`);
  for (const s of r.special) lines.push(`unsafe   ${s.path} (${s.kind}; not followed)`);
  for (const c of r.changed) lines.push(`changed  ${c.path} (size ${c.expected.size} → ${c.actual.size}, sha256 ${c.expected.sha256.slice(0, 12)}… → ${c.actual.sha256.slice(0, 12)}…)`);
  const sig: Record<SignatureStatus, string> = {
    absent: 'not signed',
    unchecked: `signed (${SIGNATURE_FILE}), not checked: pass --pub-key to check`,
    valid: `signature valid${r.signatureDetail ? ` (${r.signatureDetail})` : ''}`,
    invalid: `SIGNATURE INVALID: ${r.signatureDetail}`,
    missing: `SIGNATURE MISSING: --pub-key given but the bundle has no ${SIGNATURE_FILE}`,
  };
  const re = r.manifest.reissued;
  if (re) lines.push(`REISSUED: ${re.by} re-issued this manifest on ${re.at} over a bundle that did not verify (${re.record})`);
  const n = r.manifest.files.length;
  lines.push(`${r.ok ? 'OK' : 'FAILED'}: ${r.source}: ${n} files listed, ${r.missing.length} missing, ${r.added.length} added, ${r.changed.length} changed${r.special.length ? `, ${r.special.length} unsafe` : ''}; ${sig[r.signature]}`);
  return lines;
}
