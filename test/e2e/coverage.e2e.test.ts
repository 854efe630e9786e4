import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { crawlBundle as crawl } from '../../cli/crawl-bundle.ts';
import { findingsSchema, type Findings } from '../../src/findings/schema.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';
import { sampleApp } from '../helpers/paths.ts';

/** Verdicts that know what the crawl saw (findings.md "Absence needs coverage"), end to end. */

const tmp = (p = 'govapp-cov-') => mkdtempSync(path.join(tmpdir(), p));
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const findingsOf = (dir: string) => JSON.parse(read(dir, 'findings.json')) as Findings;
const ABSENCE_CLAUSES = ['4.1.1', '4.1.2', '4.1.3', '6.i', '4.3', '6.h', '7.3'];

async function crawlSample(app: string, extra: Partial<Parameters<typeof crawl>[0]> = {}) {
  const outDir = path.join(tmp(), app);
  const result = await crawl({ target: { kind: 'app-graph', dir: sampleApp(app), package: loadAppGraph(sampleApp(app)).graph.app.package }, outDir, appiumUrl: inject('appiumUrl'), ocr: 'off', ...extra });
  return { outDir, result };
}

describe('coverage and walls', () => {
  it('office-compliant without credentials: blocked by a login wall on the login screen, no absence-based verdict', async () => {
    const { outDir, result } = await crawlSample('office-compliant');
    const findings = findingsOf(outDir);
    expect(findingsSchema.safeParse(findings).error).toBeUndefined();
    expect(result.stopReason).toBe('blocked');
    expect(findings.run.stopReason).toBe('blocked');
    const cov = findings.run.coverage!;
    expect(cov.walls).toEqual([expect.objectContaining({ kind: 'login', reason: 'no-credentials' })]);
    // The wall stands on the login screen: the launch screen, with the form.
    const login = JSON.parse(read(outDir, 'screens.json')).find((s: { state: string }) => s.state === cov.walls[0].state);
    expect(read(outDir, login.source)).toContain('et_pwd');
    expect(cov).toMatchObject({ screens: 2, actionsTried: findings.run.actions, actionsLeft: 0 });
    for (const c of ABSENCE_CLAUSES) {
      const r = findings.clauses.find((x) => x.clause === c)!;
      expect(r.verdict, c).toBe('unknown');
      expect(r.summary, c).toMatch(/^登录后页面未能进入（未配置账号，界面 s\d+“登录”），已遍历2个页面；/);
    }
    // Evidence on the login screen itself still stands.
    expect(findings.clauses.find((c) => c.clause === '5')).toMatchObject({ verdict: 'pass', basis: 'evidence' });
    expect(JSON.parse(read(outDir, 'run.json')).coverage).toEqual(cov);
    expect(read(outDir, 'report.html')).toContain('class="partial-banner"');
  });

  it('office-compliant with credentials: explored, no wall, nothing left', async () => {
    const cfg = path.join(tmp(), 'govapp.yaml');
    writeFileSync(cfg, 'apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: Demo@2026 }\n');
    const { outDir, result } = await crawlSample('office-compliant', { configFile: cfg });
    expect(result.stopReason).toBe('explored');
    expect(findingsOf(outDir).run.coverage).toMatchObject({ walls: [], actionsLeft: 0, refused: 2 });
    expect(read(outDir, 'report.html')).not.toContain('class="partial-banner"');
  });

  it('study-portal with --max-actions 5: only evidence-based verdicts and unknown; the CLI, the banner, JUnit and the gate say it is partial', async () => {
    const out = path.join(tmp(), 'sp');
    const junit = path.join(out, 'junit.xml');
    const r = await runMain('crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', inject('appiumUrl'), '--ocr', 'off', '--quiet', '--max-actions', '5', '--junit', junit, '--fail-on', 'incomplete');
    expect(r.stdout.split('\n')[0]).toMatch(/^PARTIAL CRAWL — 遍历不完整：预算耗尽，尚有\d+个操作未尝试，已遍历\d+个页面/);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^govapp: --fail-on incomplete: incomplete crawl \(stop: budget/m);
    const findings = findingsOf(out);
    expect(findings.run.stopReason).toBe('budget');
    expect(findings.run.coverage!.actionsLeft).toBeGreaterThan(0);
    for (const c of findings.clauses) expect(c.verdict === 'unknown' || c.basis !== 'absence', `${c.clause} ${c.verdict} ${c.basis}`).toBe(true);
    expect(findings.clauses.filter((c) => c.verdict !== 'unknown').every((c) => c.evidence.length > 0)).toBe(true);
    const html = read(out, 'report.html');
    expect(html.indexOf('class="partial-banner"')).toBeGreaterThan(0);
    expect(html.indexOf('class="partial-banner"')).toBeLessThan(html.indexOf('class="summary"'));
    expect(readFileSync(junit, 'utf8')).toContain('<property name="run.complete" value="false"/>');
  });

  it('analyze on an old bundle without coverage says it cannot judge absence', async () => {
    const dir = await writeSealedBundle('river-patrol', { coverage: false });
    try {
      const r = await runMain('analyze', dir);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(/^PARTIAL CRAWL — 遍历不完整：证据包未记录遍历覆盖情况/);
      const findings = findingsOf(dir);
      expect(findingsSchema.safeParse(findings).error).toBeUndefined();
      expect(findings.clauses.filter((c) => c.basis === 'absence' && c.verdict !== 'unknown')).toEqual([]);
      const absence = findings.clauses.filter((c) => c.withheld !== undefined);
      expect(absence.map((c) => c.clause)).toEqual(expect.arrayContaining(['4.1.2', '4.1.3', '6.i', '7.3']));
      for (const c of absence) {
        expect(c.verdict, c.clause).toBe('unknown');
        expect(c.summary).toMatch(/无法判断未发现的内容是否真的不存在/);
      }
      // The same bundle with coverage recorded: analyze gives the verdicts again.
      const fresh = await writeSealedBundle('river-patrol');
      expect((await runMain('analyze', fresh)).code).toBe(0);
      expect(findingsOf(fresh).clauses.find((c) => c.clause === '6.i')!.verdict).toBe('pass');
      rmSync(fresh, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
