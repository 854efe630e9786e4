import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { BadInputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { listBundleFiles } from './manifest-hash.ts';
import { MANIFEST_FILE, UNLISTED } from './manifest-schema.ts';

/** Already-compressed formats are stored, everything else deflated. */
const STORED = /\.(png|jpe?g|webp|gif|zip|gz|pdf|mp4)$/i;

/**
 * Packs a bundle directory (manifest.json and manifest.sig included) into one zip whose entries
 * are the bundle's relative paths, so `govapp verify bundle.zip` checks it as it was.
 */
export async function packBundle(dir: string, zipFile: string): Promise<void> {
  const files = [...(await listBundleFiles(dir)), ...UNLISTED];
  const entries: Zippable = {};
  for (const rel of files) {
    let data: Uint8Array;
    try {
      data = await readFile(path.join(dir, rel));
    } catch (e) {
      if (UNLISTED.has(rel) && (e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    // A fixed date keeps the zip byte-identical for identical bundles.
    entries[rel] = [data, { level: STORED.test(rel) ? 0 : 6, mtime: new Date('2000-01-01T00:00:00Z') }];
  }
  const absZip = path.resolve(zipFile);
  if (absZip.startsWith(path.resolve(dir) + path.sep)) {
    throw new BadInputError('BAD_ARGUMENT', `${zipFile}: the zip must be written outside the bundle it packs`);
  }
  await mkdir(path.dirname(absZip), { recursive: true });
  writeFileAtomic(absZip, zipSync(entries));
}

/** True when `rel` is a safe relative path (no absolute paths, no `..`, no backslashes). */
function safeRelative(rel: string): boolean {
  return rel !== '' && !rel.startsWith('/') && !rel.includes('\\') && !rel.split('/').some((s) => s === '..' || s === '');
}

/**
 * The files of a zipped bundle, keyed by bundle-relative path. Directory entries are dropped; a zip
 * whose every entry sits under one top folder holding manifest.json (`zip -r b.zip b/`) is unwrapped.
 */
export async function readZipBundle(zipFile: string): Promise<Map<string, Uint8Array>> {
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(await readFile(zipFile));
  } catch (e) {
    throw new BadInputError('BAD_BUNDLE', `${zipFile}: not a readable zip: ${(e as Error).message}`, { cause: e });
  }
  const names = Object.keys(raw).filter((n) => !n.endsWith('/'));
  let prefix = '';
  if (!names.includes(MANIFEST_FILE)) {
    const tops = new Set(names.map((n) => n.split('/')[0]));
    const [top] = tops;
    if (tops.size === 1 && names.includes(`${top}/${MANIFEST_FILE}`)) prefix = `${top}/`;
  }
  const out = new Map<string, Uint8Array>();
  for (const n of names) {
    const rel = n.startsWith(prefix) ? n.slice(prefix.length) : n;
    if (!safeRelative(rel)) throw new BadInputError('BAD_BUNDLE', `${zipFile}: unsafe entry name "${n}"`);
    out.set(rel, raw[n]);
  }
  return out;
}

/** Unpacks a zipped bundle into `dir` (created), e.g. to re-analyse or re-render it. */
export async function extractBundle(zipFile: string, dir: string): Promise<void> {
  for (const [rel, data] of await readZipBundle(zipFile)) {
    const dest = path.join(dir, ...rel.split('/'));
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, data);
  }
}
