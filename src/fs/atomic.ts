import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { GovappError } from '../errors.ts';

let counter = 0;

/**
 * The file-system calls the writers below make, as one object so tests can inject a full disk or a
 * read-only mount (running as root, neither can be made with chmod).
 */
export const fsOps = { openSync, writeSync, fsyncSync, closeSync, renameSync, mkdirSync };

/** Why a write failed, in words, for the errors that mean "the output cannot be written". */
const NOT_WRITABLE: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/** An errno error of a write as OUT_NOT_WRITABLE naming the file and the cause; anything else unchanged. */
export function writeError(file: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && NOT_WRITABLE[code]) return new GovappError('OUT_NOT_WRITABLE', `${file}: ${NOT_WRITABLE[code]} (${code})`, { cause: e });
  return e;
}

/**
 * Writes a file so that readers see either the old or the new content, never a torn one:
 * write a temporary file beside it, fsync, rename over the target. On failure the temporary file
 * is removed and a full or read-only disk is reported as OUT_NOT_WRITABLE.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    fsOps.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fsOps.openSync(tmp, 'w');
    try {
      fsOps.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsOps.fsyncSync(fd);
    } finally {
      fsOps.closeSync(fd);
    }
    fsOps.renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeError(file, e);
  }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/** Appends one JSON line and fsyncs, so a crash loses at most the line being written. */
export function appendJsonLine(file: string, value: unknown): void {
  try {
    fsOps.mkdirSync(path.dirname(file), { recursive: true });
    const fd = fsOps.openSync(file, 'a');
    try {
      fsOps.writeSync(fd, JSON.stringify(value) + '\n');
      fsOps.fsyncSync(fd);
    } finally {
      fsOps.closeSync(fd);
    }
  } catch (e) {
    throw writeError(file, e);
  }
}

/** Reads JSON lines, skipping a torn (unparseable) last line left by a crash. */
export function parseJsonLines<T>(text: string): T[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const out: T[] = [];
  lines.forEach((l, i) => {
    try {
      out.push(JSON.parse(l) as T);
    } catch (e) {
      if (i !== lines.length - 1) throw e;
    }
  });
  return out;
}


/** fsyncs a directory so a rename or a new file in it survives a crash; best effort (not every platform can). */
export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform can fsync a directory; the file's own fsync still holds.
  }
}
