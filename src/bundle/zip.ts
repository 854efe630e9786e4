import { createHash } from 'node:crypto';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { confinedPath } from '../fs/confine.ts';
import { listZipEntries, streamZipEntry, ZIP_LIMITS, type ZipEntry, type ZipLimits } from './zip-read.ts';
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

/** True when `rel` is a safe relative path (no absolute paths, no `..`, no backslashes, no NUL). */
function safeRelative(rel: string): boolean {
  return rel !== '' && !rel.startsWith('/') && !rel.includes('\\') && !rel.includes('\0') && !rel.split('/').some((s) => s === '..' || s === '' || s === '.');
}

/** A zipped bundle opened for reading: its files by bundle-relative path, inflated on demand by streaming. */
export interface ZipBundle {
  /** Bundle-relative paths (directory entries dropped, a single top folder unwrapped). */
  paths: string[];
  /** Streams the entry through SHA-256; never holds it in memory. */
  hash(rel: string): Promise<{ sha256: string; size: number }>;
  /** The entry's bytes (small files only: the manifest and its signature); undefined when absent. */
  read(rel: string, maxBytes?: number): Promise<Buffer | undefined>;
  /** Streams the entry's bytes to `onChunk`. */
  stream(rel: string, onChunk: (b: Buffer) => void): Promise<void>;
}

/**
 * Opens a zipped bundle. Entries come from the central directory (what `unzip` shows), each name
 * once; a zip whose every entry sits under one top folder holding manifest.json
 * (`zip -r b.zip b/`) is unwrapped. Sizes are capped ({@link ZIP_LIMITS}).
 */
export async function openZipBundle(zipFile: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipBundle> {
  const all = await listZipEntries(zipFile, limits);
  const files = all.filter((e) => !e.name.endsWith('/'));
  const names = files.map((e) => e.name);
  let prefix = '';
  if (!names.includes(MANIFEST_FILE)) {
    const tops = new Set(names.map((n) => n.split('/')[0]));
    const [top] = tops;
    if (tops.size === 1 && names.includes(`${top}/${MANIFEST_FILE}`)) prefix = `${top}/`;
  }
  const byRel = new Map<string, ZipEntry>();
  for (const e of files) {
    const rel = e.name.startsWith(prefix) ? e.name.slice(prefix.length) : e.name;
    if (!safeRelative(rel)) throw new BadInputError('BAD_BUNDLE', `${zipFile}: unsafe entry name "${e.name}"`);
    byRel.set(rel, e);
  }
  const entry = (rel: string) => {
    const e = byRel.get(rel);
    if (!e) throw new BadInputError('BAD_BUNDLE', `${zipFile}: no entry "${rel}"`);
    return e;
  };
  return {
    paths: [...byRel.keys()],
    stream: (rel, onChunk) => streamZipEntry(zipFile, entry(rel), onChunk),
    async hash(rel) {
      const h = createHash('sha256');
      let size = 0;
      await streamZipEntry(zipFile, entry(rel), (b) => {
        size += b.length;
        h.update(b);
      });
      return { sha256: h.digest('hex'), size };
    },
    async read(rel, maxBytes = 64 * 1024 * 1024) {
      const e = byRel.get(rel);
      if (!e) return undefined;
      if (e.size > maxBytes) throw new BadInputError('BAD_BUNDLE', `${zipFile}: entry "${rel}" is ${e.size} bytes, more than the ${maxBytes} expected`);
      const chunks: Buffer[] = [];
      await streamZipEntry(zipFile, e, (b) => chunks.push(b));
      return Buffer.concat(chunks);
    },
  };
}

/** Unpacks a zipped bundle into `dir` (created, or empty), e.g. to re-analyse or re-render it. */
export async function extractBundle(zipFile: string, dir: string): Promise<void> {
  const zip = await openZipBundle(zipFile);
  await mkdir(dir, { recursive: true });
  for (const rel of zip.paths) {
    // Checked against the real directory each time: an entry cannot write through a link.
    const dest = confinedPath(dir, rel, { code: 'BAD_BUNDLE', expect: 'absent-ok', where: `${zipFile}: ${rel}` });
    await mkdir(path.dirname(dest), { recursive: true });
    const fd = openSync(dest, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW);
    try {
      await zip.stream(rel, (b) => writeSync(fd, b));
    } finally {
      closeSync(fd);
    }
  }
}
