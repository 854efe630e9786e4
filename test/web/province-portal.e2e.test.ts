import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { crawlBundle } from '../../cli/crawl-bundle.ts';
import { blackHole } from '../helpers/black-hole.ts';
import { startStaticServer } from '../helpers/static-server.ts';
import { h5Fixture } from './h5-helpers.ts';

/** The fixture's third-party URLs point here; the test swaps in a host that accepts and never answers. */
const DEAD = 'http://127.0.0.2:9';
const MAX_ACTIONS = 100;

/** A copy of `dir` with `from` replaced by `to` in every .html and .js file. */
function rewritten(dir: string, from: string, to: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'govapp-province-portal-site-'));
  cpSync(dir, root, { recursive: true });
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(html|js)$/.test(f)) writeFileSync(p, readFileSync(p, 'utf8').replaceAll(from, to));
    }
  };
  walk(root);
  return root;
}

type Ev = { state: string; screenshot: string; text?: string; note?: string; bounds?: number[] };

describe('crawling a page modelled on a real provincial portal (footer written by script, dead third-party scripts)', () => {
  it('explores within its action budget, gives the standard verdicts, shows the footer on a step screenshot and lists the blocked hosts per screen', { timeout: 400_000 }, async () => {
    const fixture = h5Fixture('province-portal');
    const expected = JSON.parse(readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as { clauses: Record<string, string> };
    const hole = await blackHole();
    const root = rewritten(fixture, DEAD, hole.url);
    const server = await startStaticServer(root);
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'govapp-province-portal-'));
    try {
      const result = await crawlBundle({ target: { kind: 'url', url: `${server.url}/index.html` }, outDir, appiumUrl: inject('appiumUrl'), ocr: 'off', maxActions: MAX_ACTIONS, maxMinutes: 10 });
      expect(result.error).toBeUndefined();
      const summaries = result.findings.clauses.map((c) => `${c.clause} ${c.verdict}: ${c.summary}`).join('\n');
      // The budget is counted in actions: dead scripts must not turn the crawl into a budget stop.
      expect(result.findings.run.stopReason, summaries).toBe('explored');
      expect(result.actions).toBeLessThan(MAX_ACTIONS);
      const got = Object.fromEntries(result.findings.clauses.filter((c) => c.clause in expected.clauses).map((c) => [c.clause, c.verdict]));
      expect(got, summaries).toEqual(expected.clauses);

      const clause = (id: string) => result.findings.clauses.find((c) => c.clause === id)!;
      const evidence = (id: string) => clause(id).evidence as Ev[];
      // 4.2: the host from 某省人民政府办公厅主办, not the article's source or the exhibition's organisers.
      expect(clause('4.2').summary).toContain('某省人民政府办公厅');
      expect(summaries).not.toMatch(/4\.2[^\n]*(省文化和旅游厅办公室|宣传部)/);
      // 5: the ICP number, not the site code or the 公网安备 number.
      expect(clause('5').summary).toContain('苏ICP备05000001号');
      // 4.3: the complaint number; the technical-support number beside it does not count.
      expect(clause('4.3').summary).toContain('政务投诉电话：025-80000002');

      // The article's footer sits far below the fold: its evidence is shown on the read-through step that has it in view.
      const screens = JSON.parse(readFileSync(path.join(outDir, 'screens.json'), 'utf8')) as {
        state: string; inApp: boolean; readSteps?: { screenshot: string; offset: number; height: number }[];
        blocked?: { count: number; hosts: string[]; urls: string[] };
      }[];
      const onStep = [...evidence('4.2'), ...evidence('5')].filter((e) => /\.read\d+\.png$/.test(e.screenshot));
      expect(onStep.length, JSON.stringify(evidence('4.2'))).toBeGreaterThan(0);
      for (const e of onStep) {
        expect(existsSync(path.join(outDir, e.screenshot)), e.screenshot).toBe(true);
        expect(e.note).toContain('来自页面页脚');
        expect(e.note).toContain('截图为滚动浏览整页至该处时所摄');
        const step = screens.find((s) => s.state === e.state)!.readSteps!.find((r) => r.screenshot === e.screenshot)!;
        expect(step.offset).toBeGreaterThan(step.height);
        expect(e.bounds![1]).toBeGreaterThanOrEqual(0);
        expect(e.bounds![3]).toBeLessThanOrEqual(step.height);
      }
      // Step images nobody cites are never written.
      const written = readdirSync(path.join(outDir, 'states')).filter((f) => /\.read\d+\.png$/.test(f)).map((f) => `states/${f}`);
      const cited = new Set(result.findings.clauses.flatMap((c) => c.evidence.map((e) => e.screenshot)));
      expect(written.every((f) => cited.has(f)), written.join(' ')).toBe(true);
      // The report's evidence card links the step image (its picture is the annotated copy of it).
      const html = readFileSync(path.join(outDir, 'report.html'), 'utf8');
      expect(html).toContain(`href="${onStep[0].screenshot}"`);
      const i = clause('4.2').evidence.indexOf(onStep.find((e) => clause('4.2').evidence.includes(e as never)) as never);
      if (i >= 0) expect(existsSync(path.join(outDir, `evidence/4.2-${i + 1}.png`))).toBe(true);

      // Every page tried four third-party URLs; none reached the network, and each screen says what was blocked.
      expect(hole.connections()).toBe(0);
      const host = new URL(hole.url).host;
      for (const s of screens.filter((x) => x.inApp)) {
        expect(s.blocked?.hosts, s.state).toContain(host);
        expect(s.blocked!.urls, s.state).toContain(`${hole.url}/static/js/urite.min.js`);
        expect(s.blocked!.count, s.state).toBeGreaterThanOrEqual(s.blocked!.urls.length);
      }
      expect(html).toContain('已拦截的外部请求');
    } finally {
      await server.close();
      await hole.close();
      rmSync(outDir, { recursive: true, force: true });
      rmSync(root, { recursive: true, force: true });
    }
  });
});
