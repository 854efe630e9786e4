import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { BadInputError } from '../errors.ts';
import { specialKind } from '../fs/confine.ts';
import path from 'node:path';
import { UNLISTED, type ManifestFile } from './manifest-schema.ts';

/** SHA-256 (lower-case hex) of bytes in memory. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 and size of one file, streamed (logs and screenshots can be large). */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  // Never through a link, never blocking on a FIFO (the listing refuses both; this closes the race).
  const fh = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    fh.createReadStream()
      .on('data', (chunk) => {
        const b = chunk as Buffer;
        size += b.length;
        h.update(b);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
}

/** Byte-order comparison, so the file list is the same on every platform and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A bundle entry that is neither a regular file nor a directory: never followed, never opened. */
export interface SpecialEntry {
  path: string;
  kind: string;
}

/**
 * Every file of the bundle (relative, `/`-separated, sorted), except manifest.json and manifest.sig
 * at the root, and separately every symbolic link, FIFO, device or socket in it. Nothing is followed
 * or opened while listing (lstat only), so a link out of the bundle or a FIFO cannot leak or block.
 */
export async function listBundleEntries(dir: string): Promise<{ files: string[]; special: SpecialEntry[] }> {
  const files: string[] = [];
  const special: SpecialEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      const kind = specialKind(await lstat(path.join(dir, p)));
      if (kind) special.push({ path: p, kind });
      else if (e.isDirectory()) await walk(p);
      else if (!(rel === '' && UNLISTED.has(e.name))) files.push(p);
    }
  };
  await walk('');
  return { files: files.sort(comparePaths), special: special.sort((a, b) => comparePaths(a.path, b.path)) };
}

/** The bundle's regular files; BAD_BUNDLE naming the first link, FIFO or device found in it. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const { files, special } = await listBundleEntries(dir);
  if (special.length) throw specialEntryError(dir, special[0]);
  return files;
}

export function specialEntryError(dir: string, e: SpecialEntry): BadInputError {
  return new BadInputError('BAD_BUNDLE', `${path.join(dir, e.path)}: ${e.kind} in the bundle; refused (a bundle holds only regular files)`);
}

/** `files` of a manifest for the bundle as it is on disk now. */
export async function hashBundle(dir: string): Promise<ManifestFile[]> {
  const files = await listBundleFiles(dir);
  const out: ManifestFile[] = [];
  for (const p of files) out.push({ path: p, ...(await hashFile(path.join(dir, p))) });
  return out;
}
