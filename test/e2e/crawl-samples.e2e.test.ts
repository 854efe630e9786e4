import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { crawl } from '../../crawlers/crawl.ts';
import { findingsSchema } from '../../src/findings/schema.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { signatureOf, stateHash } from '../../crawlers/state-key.ts';
import { sampleApp } from '../helpers/paths.ts';

const tmp = (p = 'govapp-e2e-') => mkdtempSync(path.join(tmpdir(), p));

function config(text: string): string {
  const f = path.join(tmp('govapp-cfg-'), 'govapp.yaml');
  writeFileSync(f, text);
  return f;
}
const OFFICE_CREDENTIALS = config('apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: Demo@2026 }\n');

/** The state hashes of every screen of an app-graph dir (a sample, or a recording). */
function stateSet(dir: string): Set<string> {
  const { graph } = loadAppGraph(dir);
  return new Set(
    graph.states.map((s) =>
      stateHash(signatureOf(parsePageSource(readFileSync(path.join(dir, s.source), 'utf8')), { package: s.package ?? graph.app.package, activity: s.activity ?? '' })),
    ),
  );
}

/** Sample states by id → hash, to name the ones a crawl reached. */
function sampleStates(app: string): Map<string, string> {
  const dir = sampleApp(app);
  const { graph } = loadAppGraph(dir);
  return new Map(
    graph.states.map((s) => [
      s.id,
      stateHash(signatureOf(parsePageSource(readFileSync(path.join(dir, s.source), 'utf8')), { package: s.package ?? graph.app.package, activity: s.activity ?? '' })),
    ]),
  );
}

function reached(app: string, outDir: string): string[] {
  const got = stateSet(outDir);
  return [...sampleStates(app)].filter(([, h]) => got.has(h)).map(([id]) => id).sort();
}

async function crawlSample(app: string, extra: Partial<Parameters<typeof crawl>[0]> = {}) {
  const outDir = path.join(tmp(), app);
  const result = await crawl({
    target: { kind: 'app-graph', dir: sampleApp(app), package: loadAppGraph(sampleApp(app)).graph.app.package },
    outDir,
    appiumUrl: inject('appiumUrl'),
    ocr: 'off',
    ...extra,
  });
  return { outDir, result };
}

describe('crawling the public samples', () => {
  it.each([
    ['study-portal', undefined],
    ['office-compliant', OFFICE_CREDENTIALS],
    ['river-patrol', undefined],
  ])('%s (OCR on, as by default): findings.json validates and yields exactly the verdicts of expected.json', async (app, configFile) => {
    const { outDir, result } = await crawlSample(app, { configFile, ocr: 'paddle' });
    const findings = JSON.parse(readFileSync(path.join(outDir, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).error).toBeUndefined();
    expect(result.stopReason).toBe('explored');
    const expected = JSON.parse(readFileSync(path.join(sampleApp(app), 'expected.json'), 'utf8')).clauses as Record<string, string>;
    // 6.d is newer than the samples' expected.json: none asks for proof-of-work uploads.
    expected['6.d'] ??= 'pass';
    const got = Object.fromEntries(findings.clauses.filter((c: { clause: string }) => c.clause in expected).map((c: { clause: string; verdict: string }) => [c.clause, c.verdict]));
    expect(got).toEqual(expected);
    // What was found is shown: a prohibited function that fails, a required one that passes
    // (the opposite verdicts rest on absence, which has no screen to point at).
    const prohibitions = ['4.1.1', '4.1.2', '4.1.3', '6.d', '6.i'];
    if (app === 'office-compliant') {
      // The unit name on the login screen is only in the logo image: OCR must have read it.
      const unit = findings.clauses.find((c: { clause: string }) => c.clause === '4.2');
      expect(unit.evidence.some((e: { via: string; text?: string }) => e.via === 'ocr' && e.text?.includes('某市人民政府办公室'))).toBe(true);
    }
    for (const c of findings.clauses) {
      const found = prohibitions.includes(c.clause) ? c.verdict === 'fail' || c.verdict === 'review' : c.verdict === 'pass' || c.verdict === 'review';
      if (found) expect(c.evidence.length, c.clause).toBeGreaterThan(0);
    }
  });

  it('study-portal: every state reachable without credentials or scrolling, except behind 提交 (refused and recorded)', async () => {
    const { outDir } = await crawlSample('study-portal');
    expect(reached('study-portal', outDir)).toEqual(['about', 'courses', 'feedback', 'home', 'mine', 'player', 'ranking', 'signin', 'splash']);
    const skipped = readFileSync(path.join(outDir, 'skipped.jsonl'), 'utf8');
    expect(skipped).toContain('"word":"提交"');
  });

  it('study-portal with 提交 allowed (a test environment) reaches every state', async () => {
    const { outDir } = await crawlSample('study-portal', { configFile: config('safety:\n  allow: [提交]\n') });
    expect(reached('study-portal', outDir)).toHaveLength(10);
  });

  it('office-compliant without credentials: the login screen and its error dialog only', async () => {
    const { outDir } = await crawlSample('office-compliant');
    expect(reached('office-compliant', outDir)).toEqual(['login', 'login-error']);
  });

  it('office-compliant with credentials: everything but logging out and submitting', async () => {
    const { outDir, result } = await crawlSample('office-compliant', { configFile: OFFICE_CREDENTIALS });
    expect(reached('office-compliant', outDir)).toEqual(['about', 'ai-chat', 'contacts', 'docs', 'feedback', 'home', 'login', 'meetings', 'mine', 'settings', 'todo']);
    const bundleText = ['crawl.jsonl', 'app.json', 'run.json', 'findings.json', 'logs/crawl.log'].map((f) => readFileSync(path.join(outDir, f), 'utf8')).join('\n');
    expect(bundleText).not.toContain('Demo@2026');
    expect(result.findings.clauses.find((c) => c.clause === '4.4')!.verdict).toBe('pass');
  });

  it.each(['study-portal', 'river-patrol'])('%s: replaying the recording reaches the same states', async (app) => {
    const first = await crawlSample(app);
    const recorded = stateSet(first.outDir);
    const again = await crawl({ target: { kind: 'app-graph', dir: first.outDir, package: first.result.findings.app.package }, outDir: path.join(tmp(), 'replay'), appiumUrl: inject('appiumUrl'), ocr: 'off' });
    expect(stateSet(again.outDir)).toEqual(recorded);
    expect(again.states).toBe(first.result.states);
    // The recording keeps what the app did to typed characters, so even the probes agree.
    const verdicts = (f: typeof again.findings) => f.clauses.map((c) => `${c.clause}:${c.verdict}`);
    expect(verdicts(again.findings)).toEqual(verdicts(first.result.findings));
  });

  it('a budget ends the crawl with stopReason budget and a valid bundle', async () => {
    const { outDir, result } = await crawlSample('study-portal', { maxActions: 5 });
    expect(result.stopReason).toBe('budget');
    expect(result.actions).toBeLessThanOrEqual(6);
    const findings = JSON.parse(readFileSync(path.join(outDir, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).success).toBe(true);
    expect(findings.run.stopReason).toBe('budget');
  });
});
