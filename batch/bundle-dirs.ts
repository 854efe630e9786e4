import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { buildFindings } from '../src/findings/build.ts';
import { CLAUSES, findingsSchema, type ClauseId, type Findings, type Verdict } from '../src/findings/schema.ts';
import { fsyncDir, writeJsonAtomic } from '../src/fs/atomic.ts';

/**
 * Where a batch keeps bundles:
 *
 * ```
 * <out>/apps/<id>/                  the one bundle of each finished app (moved here when it finishes)
 * <out>/work/<id>/attempt-<n>/      attempts in progress, and earlier failed attempts (kept as evidence)
 * ```
 *
 * A bundle only appears under apps/ whole: the crawl writes into its attempt directory, which is
 * renamed into place before the journal records the app as done.
 */
export const APPS_DIR = 'apps';
export const WORK_DIR = 'work';

export const bundleDir = (out: string, id: string) => path.join(out, APPS_DIR, id);
export const attemptDir = (out: string, id: string, attempt: number) => path.join(out, WORK_DIR, id, `attempt-${attempt}`);
export const relTo = (out: string, p: string) => path.relative(out, p).split(path.sep).join('/');

/**
 * Moves a finished attempt's directory to `<out>/apps/<id>`. Whatever is already there (a bundle
 * moved into place just before a crash, before its `done` line) is moved aside into work/ first.
 */
export function promoteAttempt(out: string, id: string, dir: string): string {
  const dest = bundleDir(out, id);
  mkdirSync(path.dirname(dest), { recursive: true });
  if (existsSync(dest)) {
    let n = 1;
    while (existsSync(path.join(out, WORK_DIR, id, `replaced-${n}`))) n++;
    mkdirSync(path.join(out, WORK_DIR, id), { recursive: true });
    renameSync(dest, path.join(out, WORK_DIR, id, `replaced-${n}`));
  }
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  renameSync(dir, dest);
  fsyncDir(path.dirname(dest));
  fsyncDir(path.dirname(dir));
  // Nothing kept as evidence for this app (no failed attempt): no empty work/<id>/ (nor work/) left.
  if (removeIfEmpty(path.dirname(dir))) removeIfEmpty(path.join(out, WORK_DIR));
  return dest;
}

/** Removes a directory that is empty; true when it did. */
function removeIfEmpty(dir: string): boolean {
  try {
    if (readdirSync(dir).length) return false;
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** findings.json of a bundle directory when present and valid. */
export function readFindings(dir: string): Findings | undefined {
  const file = path.join(dir, 'findings.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed = findingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? (parsed.data as Findings) : undefined;
  } catch {
    return undefined;
  }
}

export function verdictsOf(findings: Findings | undefined): Partial<Record<ClauseId, Verdict>> {
  const out: Partial<Record<ClauseId, Verdict>> = {};
  for (const c of CLAUSES) out[c] = 'unknown';
  for (const c of findings?.clauses ?? []) out[c.clause] = c.verdict;
  return out;
}

/**
 * A crawl that never got going (no session, or it threw) leaves no findings.json. So that every app
 * still has one bundle readers understand, write findings/1 with every clause `unknown` and the
 * reason, plus `batch-error.json`. Such a bundle has no manifest: `govapp verify` flags it, and the
 * batch summary marks it partial.
 */
export function writeErrorBundle(dir: string, app: { package: string; label?: string }, error: { code: string; message: string }, startedAt: Date): Findings {
  mkdirSync(dir, { recursive: true });
  const findings = buildFindings(
    { package: app.package, ...(app.label ? { label: app.label } : {}) },
    { startedAt, finishedAt: new Date(), states: 0, actions: 0, stopReason: 'error' },
    CLAUSES.map((clause) => ({ clause, verdict: 'unknown' as const, summary: `检测未能完成（${error.code}），无法判定`, evidence: [] })),
  );
  writeJsonAtomic(path.join(dir, 'findings.json'), findings);
  writeJsonAtomic(path.join(dir, 'batch-error.json'), { ...error, at: new Date().toISOString() });
  return findings;
}
