import { lstatSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { BadInputError, type ErrorCode } from '../errors.ts';

/**
 * Keeping every read and write of a bundle or an app-graph inside its own directory: paths are
 * resolved against the directory's real path and every component is checked with `lstat`, so a
 * symbolic link (to /etc/passwd, or a `repro/` pointing elsewhere), a FIFO (which would block a
 * reader forever) or a device node is refused before it is opened.
 */
export type ConfineCode = Extract<ErrorCode, 'BAD_BUNDLE' | 'BAD_APP_GRAPH'>;

/** What a non-regular directory entry is, in words for an error message; undefined for files and directories. */
export function specialKind(st: Stats): string | undefined {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (!st.isFile() && !st.isDirectory()) return 'not a regular file';
  return undefined;
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw e;
  }
}

/** The real path of a root directory (itself allowed to be reached through a link, as /tmp often is). */
export function realRoot(root: string, code: ConfineCode): string {
  try {
    return realpathSync(root);
  } catch (e) {
    throw new BadInputError(code, `${root}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`, { cause: e });
  }
}

export interface ConfineOptions {
  code: ConfineCode;
  /** What must be at the end of the path: a regular file (default), a directory, or either/nothing yet. */
  expect?: 'file' | 'dir' | 'absent-ok';
  /** How to name the path in errors (e.g. `app.json: states[2].screenshot`); default: the path itself. */
  where?: string;
}

/**
 * `rel` resolved inside `root`, after checking that it stays inside and that no component of it is
 * a symbolic link, FIFO, device or socket. Returns the absolute path (under the real root).
 * With `expect: 'absent-ok'`, the path (or a tail of it) may not exist yet — for files about to be written.
 */
export function confinedPath(root: string, rel: string, opts: ConfineOptions): string {
  const base = realRoot(root, opts.code);
  const abs = path.resolve(base, rel);
  const where = opts.where ?? abs;
  if (abs !== base && !abs.startsWith(base + path.sep)) throw new BadInputError(opts.code, `${where}: path leaves ${root}`);
  let cur = base;
  const parts = path.relative(base, abs).split(path.sep).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    cur = path.join(cur, parts[i]);
    const st = lstatOrUndefined(cur);
    if (!st) {
      if (opts.expect === 'absent-ok') return abs;
      throw new BadInputError(opts.code, `${where}: file not found: ${path.relative(base, cur)}`);
    }
    const last = i === parts.length - 1;
    const kind = specialKind(st);
    if (kind) throw new BadInputError(opts.code, `${cur}: ${kind}; refused (every file must be a regular file inside ${root})`);
    if (!last && !st.isDirectory()) throw new BadInputError(opts.code, `${where}: ${path.relative(base, cur)} is not a directory`);
    if (last && (opts.expect ?? 'file') === 'file' && !st.isFile()) throw new BadInputError(opts.code, `${where}: not a regular file`);
    if (last && opts.expect === 'dir' && !st.isDirectory()) throw new BadInputError(opts.code, `${where}: not a directory`);
  }
  return abs;
}
