import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkup } from '../../reports/escape.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';
import { SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';

const cli = runMain;

describe('govapp analyze (re-runs the detectors on a recorded bundle)', () => {
  const dirs = new Map<string, string>();
  beforeAll(async () => {
    for (const app of SAMPLE_APPS) {
      const dir = await writeSealedBundle(app);
      dirs.set(app, dir);
      expect((await cli('report', dir)).code).toBe(0); // a finished bundle with a manifest, as a crawl leaves it
    }
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.each(SAMPLE_APPS)('%s: rewrites findings.json with the current verdicts and keeps the manifest history', async (app) => {
    const dir = dirs.get(app)!;
    const before = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const r = await cli('analyze', dir);
    expect(r.code, r.stderr).toBe(0);
    const findings = JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8'));
    expect(findings.analyzedAt).toBeDefined();
    expect(findings.run.startedAt).toBe('2026-11-22T10:00:00.000Z');
    const expected = JSON.parse(readFileSync(path.join(sampleApp(app), 'expected.json'), 'utf8')).clauses as Record<string, string>;
    for (const [clause, verdict] of Object.entries(expected)) {
      expect(findings.clauses.find((c: { clause: string }) => c.clause === clause)?.verdict, `${app} ${clause}`).toBe(verdict);
    }
    // Signals are recomputed against the recorded crawl day (2026-11-22), not today.
    const NEWEST: Record<string, string> = { 'study-portal': '2026-11-20', 'office-compliant': '2026-11-20', 'river-patrol': '2026-11-21' };
    expect(findings.signals.freshness).toMatchObject({ newestDate: NEWEST[app], crawlDate: '2026-11-22', ageDays: app === 'river-patrol' ? 1 : 2 });
    expect(findings.signals.permissions.map((p: { permission: string; asked: string }) => `${p.permission}@${p.asked}`)).toEqual(
      app === 'river-patrol' ? ['android.permission.ACCESS_FINE_LOCATION@launch'] : [],
    );
    expect(findings.signals.deadEnds).toEqual([]);
    const history = readdirSync(path.join(dir, 'history'));
    expect(history).toContain(`manifest-${before.createdAt.replace(/[:.]/g, '-')}.json`);
    const after = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(after.reason).toBe('analyze');
    expect(Object.keys(after.rules)).toHaveLength(11);
    expect((await verifyBundle(dir)).ok).toBe(true);
    expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain(escapeMarkup(findings.clauses[0].summary));
  });

  it('exits 3 with --fail-on when a clause fails, and writes --junit', async () => {
    const dir = dirs.get('study-portal')!;
    const junit = path.join(dir, '..', `${path.basename(dir)}-junit.xml`);
    const r = await cli('analyze', dir, '--fail-on', 'fail', '--junit', junit);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--fail-on fail: 4\.1\.1 \(fail\)/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testcase [^>]*name="4\.1\.1 /);
    rmSync(junit);
  });
});
