import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../src/fs/atomic.ts';
import type { Findings } from '../../src/findings/schema.ts';
import { loadBundleData } from '../bundle-data.ts';
import { clauseSlug } from '../clauses.ts';
import { reproPlan } from './plan.ts';
import { reproSpecSource } from './spec.ts';

export const REPRO_DIR = 'repro';

/** Verdicts that get a reproduction spec. */
const REPRODUCED = new Set(['fail', 'review']);

export function reproSpecPath(clause: string): string {
  return `${REPRO_DIR}/${clauseSlug(clause)}.spec.ts`;
}

/**
 * Writes `repro/<clause>.spec.ts` for every `fail` / `review` finding and removes specs of clauses
 * that no longer fail (after a re-analysis). Returns the bundle-relative paths written.
 */
export function writeReproSpecs(bundleDir: string, findings?: Findings): string[] {
  const data = loadBundleData(bundleDir, findings);
  const dir = path.join(data.dir, REPRO_DIR);
  const written: string[] = [];
  for (const c of data.findings.clauses) {
    if (!REPRODUCED.has(c.verdict)) continue;
    const rel = reproSpecPath(c.clause);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(data.dir, rel), reproSpecSource(reproPlan(data, c), path.basename(data.dir)));
    written.push(rel);
  }
  const keep = new Set(written.map((w) => path.basename(w)));
  try {
    for (const f of readdirSync(dir)) if (f.endsWith('.spec.ts') && !keep.has(f)) rmSync(path.join(dir, f));
  } catch {
    // no repro dir: nothing to clean
  }
  return written;
}
