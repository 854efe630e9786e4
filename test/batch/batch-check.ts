import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { JournalRecord } from '../../batch/journal.ts';
import type { BatchSummary } from '../../batch/summary.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { findingsSchema } from '../../src/findings/schema.ts';

export const readJournal = (out: string): JournalRecord[] =>
  readFileSync(path.join(out, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

export type DoneRecord = Extract<JournalRecord, { type: 'done' }>;

/**
 * The invariants of a finished batch, after whatever faults: every app has exactly one bundle in
 * apps/ and exactly one `done` line; every bundle passes `govapp verify` (manifest hashes) or is
 * marked partial with findings.json still valid findings/1; batch.json agrees with the journal.
 */
export async function expectBatchIntact(out: string, ids: string[]): Promise<DoneRecord[]> {
  const journal = readJournal(out);
  const done = journal.filter((r): r is DoneRecord => r.type === 'done');
  expect(done.map((d) => d.app).sort()).toEqual([...ids].sort());
  expect(readdirSync(path.join(out, 'apps')).sort()).toEqual([...ids].sort());
  for (const d of done) {
    const dir = path.join(out, d.result.bundle);
    expect(d.result.bundle).toBe(`apps/${d.app}`);
    const findings = JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).success).toBe(true);
    if (d.result.partial) continue;
    const v = await verifyBundle(dir);
    expect({ app: d.app, ok: v.ok, missing: v.missing, added: v.added, changed: v.changed.length }).toEqual({ app: d.app, ok: true, missing: [], added: [], changed: 0 });
  }
  const summary: BatchSummary = JSON.parse(readFileSync(path.join(out, 'batch.json'), 'utf8'));
  expect(summary.finished).toBe(true);
  expect(summary.counts.total).toBe(ids.length);
  expect(summary.counts.ok + summary.counts.error).toBe(ids.length);
  for (const a of summary.apps) expect(a.status).toBe(done.find((d) => d.app === a.id)!.result.status);
  expect(readFileSync(path.join(out, 'batch.csv'), 'utf8').trim().split('\r\n')).toHaveLength(ids.length + 1);
  expect(existsSync(path.join(out, 'batch.html'))).toBe(true);
  return done;
}
