import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { crawl } from '../../crawlers/crawl.ts';
import type { MiniTarget } from '../../crawlers/mini/target.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { findingsSchema } from '../../src/findings/schema.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { runMain } from '../helpers/cli.ts';

const fixture = (name: string) => path.join(FIXTURES, 'apps', name);
const jsonl = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** Crawls a mini-program fixture (a replayed host) with OCR on, as a lab would. */
async function crawlMini(name: string, mini: MiniTarget) {
  const dir = fixture(name);
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-mini-')), name);
  const result = await crawl({ target: { kind: 'app-graph', dir, package: loadAppGraph(dir).graph.app.package }, mini, outDir, appiumUrl: inject('appiumUrl'), ocr: 'paddle' });
  const read = (f: string) => JSON.parse(readFileSync(path.join(outDir, f), 'utf8'));
  const screens = read('screens.json') as { state: string; activity: string; inApp: boolean; webview?: { fallback: boolean } }[];
  return {
    outDir,
    result,
    findings: read('findings.json'),
    run: read('run.json'),
    screens: Array.isArray(screens) ? screens : (read('screens.json').screens as typeof screens),
    actions: jsonl(path.join(outDir, 'crawl.jsonl')),
    skipped: jsonl(path.join(outDir, 'skipped.jsonl')),
    expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')).clauses as Record<string, string>,
  };
}

function verdicts(findings: { clauses: { clause: string; verdict: string }[] }, expected: Record<string, string>) {
  return Object.fromEntries(findings.clauses.filter((c) => c.clause in expected).map((c) => [c.clause, c.verdict]));
}

/** The state the detectors cite for a clause. */
const evidenceStates = (findings: { clauses: { clause: string; evidence: { state: string; via: string }[] }[] }, clause: string) =>
  findings.clauses.find((c) => c.clause === clause)!.evidence.map((e) => e.state);

describe('mini-programs crawled inside their host (replayed hosts)', () => {
  it('WeChat: opened by search, only the mini-program recorded, 4.2 and 5 from the about page, host controls refused', async () => {
    const c = await crawlMini('mini-wechat', { host: 'wechat', name: '某市政务服务' });
    expect(findingsSchema.safeParse(c.findings).error).toBeUndefined();
    expect(c.result.stopReason).toBe('explored');
    expect(verdicts(c.findings, c.expected)).toEqual(c.expected);

    // Opening: navigation inside the host, not app states.
    expect(c.run.mini).toMatchObject({ host: 'wechat', hostPackage: 'com.tencent.mm', name: '某市政务服务', container: '.plugin.appbrand.ui.AppBrandUI' });
    const first = c.run.mini.opened[0];
    expect(first.method).toBe('search');
    expect(first.steps.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['restart-host', 'tap', 'type']));
    expect(c.actions[0]).toMatchObject({ kind: 'launch', outcome: 'moved' });

    // The boundary: every recorded screen is the mini-program's (or the capsule menu, an overlay).
    for (const s of c.screens) expect(s.activity, s.state).toMatch(/\.plugin\.appbrand\.ui\.(AppBrandUI|AppBrandProfileUI)$/);
    const overlays = c.screens.filter((s) => !s.inApp);
    expect(overlays.length).toBeGreaterThan(0);
    for (const s of overlays) expect(s.activity).toMatch(/AppBrandUI$/);
    const left = c.actions.filter((a) => a.outcome === 'left-app').map((a) => a.label);
    expect(left).toEqual(expect.arrayContaining(['分享给好友', '返回微信']));

    // The about page (更多资料) is the evidence of 4.2 and 5.
    const about = c.screens.find((s) => s.activity.endsWith('AppBrandProfileUI'))!.state;
    expect(evidenceStates(c.findings, '4.2')).toContain(about);
    expect(evidenceStates(c.findings, '5')).toContain(about);

    // The OCR-only page: said so in screens.json, and its text is evidence (4.3).
    expect(c.screens.some((s) => s.webview?.fallback)).toBe(true);
    expect(c.findings.clauses.find((x: { clause: string }) => x.clause === '4.3').evidence.some((e: { via: string }) => e.via === 'ocr')).toBe(true);

    // Never pay, never send, never close the mini-program or use the host's menu.
    const refused = (label: string) => c.skipped.find((s) => s.label === label);
    expect(refused('我要缴费')).toMatchObject({ intent: 'pay' });
    expect(refused('发送')).toMatchObject({ intent: 'send' });
    expect(refused('关闭')).toMatchObject({ intent: 'host-control' });
    expect(c.skipped.some((s) => s.label === '反馈与投诉' && s.intent === 'host-control')).toBe(true);
    const tapped = new Set(c.actions.map((a) => a.label));
    for (const never of ['我要缴费', '发送', '关闭', '发送给朋友', '分享到朋友圈', '反馈与投诉', '重新进入小程序']) expect(tapped.has(never), never).toBe(false);
  });

  it('Alipay: opened from the recent list, the same boundary and about-page evidence', async () => {
    const c = await crawlMini('mini-alipay', { host: 'alipay', name: '某省政务服务' });
    expect(c.result.stopReason).toBe('explored');
    expect(verdicts(c.findings, c.expected)).toEqual(c.expected);
    expect(c.run.mini.opened[0].method).toBe('recent');
    for (const s of c.screens) expect(s.activity, s.state).toBe('com.alipay.mobile.nebulax.integration.mpaas.activity.NebulaActivity$Main');
    expect(c.actions.filter((a) => a.outcome === 'left-app').map((a) => a.label)).toContain('分享');
    const about = c.screens.find((s) => s.inApp && c.findings.clauses.find((x: { clause: string }) => x.clause === '5').evidence.some((e: { state: string }) => e.state === s.state));
    expect(about).toBeDefined();
    expect(evidenceStates(c.findings, '4.2')).toContain(about!.state);
    expect(c.skipped.find((s) => s.label === '立即支付')).toMatchObject({ intent: 'pay' });
  });

  it('quick app: opened by its hap:// link in the engine, scoped to the engine slot', async () => {
    const c = await crawlMini('quick-app', { host: 'quickapp', quickApp: 'cn.gov.example.police' });
    expect(c.result.stopReason).toBe('explored');
    expect(verdicts(c.findings, c.expected)).toEqual(c.expected);
    expect(c.run.mini.opened[0]).toMatchObject({ method: 'link', steps: [{ step: 'link', label: 'hap://app/cn.gov.example.police' }] });
    for (const s of c.screens) expect(s.activity, s.state).toBe('org.hapjs.LauncherActivity$Launcher0');
    expect(c.actions.filter((a) => a.outcome === 'left-app').map((a) => a.label)).toContain('更多快应用');
    expect(c.skipped.find((s) => s.label === '提交预约')).toMatchObject({ intent: 'submit' });
  });

  it('govapp crawl --mini-program … --host wechat --app <replayed host>: exit 0, the mini-program named in the summary', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-mini-cli-')), 'b');
    const r = await runMain('crawl', '--mini-program', '某市政务服务', '--host', 'wechat', '--app', fixture('mini-wechat'), '--out', out, '--ocr', 'off', '--quiet', '--appium-url', inject('appiumUrl'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^某市政务服务: \d+ screens \(\d+ in the app\), \d+ actions, stop: explored$/m);
    expect(JSON.parse(readFileSync(path.join(out, 'findings.json'), 'utf8')).app).toMatchObject({ package: 'com.tencent.mm', label: '某市政务服务' });
  });

  it('govapp batch: miniProgram: and quickApp: entries crawl inside their (replayed) hosts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govapp-mini-batch-'));
    const apps = path.join(dir, 'apps.yaml');
    writeFileSync(apps, `defaults: { ocr: off }\napps:\n  - id: wx\n    miniProgram: { name: 某市政务服务, host: wechat }\n    appGraph: ${fixture('mini-wechat')}\n  - id: qa\n    quickApp: cn.gov.example.police\n    appGraph: ${fixture('quick-app')}\n`);
    const r = await runMain('batch', apps, '--out', path.join(dir, 'out'), '--quiet');
    expect(r.code, r.stderr).toBe(0);
    for (const [id, method] of [['wx', 'search'], ['qa', 'link']]) {
      const run = JSON.parse(readFileSync(path.join(dir, 'out/apps', id, 'run.json'), 'utf8'));
      expect(run.stopReason).toBe('explored');
      expect(run.mini.opened[0].method).toBe(method);
    }
  });
});
