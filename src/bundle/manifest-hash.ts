import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { UNLISTED, type ManifestFile } from './manifest-schema.ts';

/** SHA-256 (lower-case hex) of bytes in memory. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 and size of one file, streamed (logs and screenshots can be large). */
export function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(file)
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

/**
 * Every file of the bundle (relative, `/`-separated, sorted), except manifest.json and manifest.sig
 * at the root. Symbolic links are listed too (and hashed through), so nothing slips in unnoticed.
 */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(p);
      else if (!(rel === '' && UNLISTED.has(e.name))) out.push(p);
    }
  };
  await walk('');
  return out.sort(comparePaths);
}

/** `files` of a manifest for the bundle as it is on disk now. */
export async function hashBundle(dir: string): Promise<ManifestFile[]> {
  const files = await listBundleFiles(dir);
  const out: ManifestFile[] = [];
  for (const p of files) out.push({ path: p, ...(await hashFile(path.join(dir, p))) });
  return out;
}
