import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundleData, readFindings } from '../../reports/bundle-data.ts';
import { elementXpath, selectorXpath, textCondition, xpathLiteral } from '../../reports/repro/locators.ts';
import { fingerDirection, reproPlan } from '../../reports/repro/plan.ts';
import { writeReproSpecs } from '../../reports/repro/write.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';
import { REPO } from '../helpers/paths.ts';

describe('repro locators', () => {
  it('quotes any string as an XPath literal', () => {
    expect(xpathLiteral('签到')).toBe('"签到"');
    expect(xpathLiteral('say "hi"')).toBe(`'say "hi"'`);
    expect(xpathLiteral(`it's "x"`)).toBe(`concat("it's ", '"', "x", '"', "")`);
  });

  it('matches changing numbers by the stable prefix', () => {
    expect(textCondition('text', '每日签到')).toBe('@text="每日签到"');
    expect(textCondition('text', '本次学习时长 00:12:31')).toBe('starts-with(@text, "本次学习时长 ")');
    expect(textCondition('text', '1280分')).toBe('@text="1280分"');
  });

  it('uses resource-id when recorded, else text or content-desc narrowed by class', () => {
    expect(selectorXpath({ 'resource-id': 'p:id/tab', class: 'android.widget.LinearLayout' })).toBe('//*[@resource-id="p:id/tab"]');
    expect(selectorXpath({ text: '我的', class: 'android.widget.TextView' })).toBe('//*[@text="我的" and @class="android.widget.TextView"]');
    expect(selectorXpath({ 'content-desc': '返回' })).toBe('//*[@content-desc="返回"]');
    expect(selectorXpath(undefined)).toBeUndefined();
  });

  it('translates recorded gestures to finger directions', () => {
    expect(['scroll-down', 'scroll-up', 'scroll-left', 'scroll-right', 'left', undefined].map(fingerDirection)).toEqual(['up', 'down', 'right', 'left', 'left', 'up']);
  });

  it('asserts an element by resource-id and text', () => {
    const snap = parsePageSource('<hierarchy><node class="android.widget.Button" text="每日签到" resource-id="p:id/b" bounds="[0,0][10,10]"/></hierarchy>');
    expect(elementXpath(snap.elements[0])).toBe('//*[@resource-id="p:id/b" and @text="每日签到"]');
  });
});

describe('repro specs', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeFakeBundle('study-portal');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one spec per fail/review finding, walking the recorded path', () => {
    const written = writeReproSpecs(dir);
    const failing = readFindings(dir).clauses.filter((c) => c.verdict === 'fail' || c.verdict === 'review').map((c) => `repro/${c.clause}.spec.ts`);
    expect(written.sort()).toEqual(failing.sort());
    const plan = reproPlan(loadBundleData(dir), readFindings(dir).clauses.find((c) => c.clause === '4.1.2')!);
    const ranking = plan.cases.find((c) => c.state === 'ranking')!;
    expect(ranking.steps.map((s) => s.kind)).toEqual(['wait', 'tap', 'tap']);
    expect(ranking.steps[1]).toMatchObject({ kind: 'tap', xpath: '//*[@resource-id="cn.gov.example.study:id/tab_mine"]' });
    expect(ranking.expect).toEqual(['//*[@resource-id="cn.gov.example.study:id/tv_title" and @text="积分排行榜"]']);
    const spec = readFileSync(path.join(dir, 'repro/4.1.1.spec.ts'), 'utf8');
    expect(spec).not.toMatch(/^import /m);
  });

  it('removes specs of clauses that no longer fail', () => {
    writeFileSync(path.join(dir, 'repro/6.i.spec.ts'), '// stale');
    writeReproSpecs(dir);
    expect(existsSync(path.join(dir, 'repro/6.i.spec.ts'))).toBe(false);
    expect(readdirSync(path.join(dir, 'repro')).length).toBeGreaterThan(0);
  });

  it('keeps hostile app text out of the code', () => {
    const evil = '"; process.exit(7); //\n*/ require("x") `${1}`';
    const findings = readFindings(dir);
    const c = findings.clauses.find((x) => x.clause === '4.1.1')!;
    c.summary = evil;
    c.evidence[0].text = evil;
    writeReproSpecs(dir, findings);
    const spec = readFileSync(path.join(dir, 'repro/4.1.1.spec.ts'), 'utf8');
    const data = /const FINDING = (\{[\s\S]*?\n\});/.exec(spec)![1];
    expect(JSON.parse(data).summary).toBe(evil);
    expect(spec.replace(data, '')).not.toContain('process.exit(7)');
    writeReproSpecs(dir);
  });
});

/** `npx wdio run wdio.conf.ts --spec …` as a user runs it: its own Appium, the replay driver, the bundle's recording. */
function wdio(spec: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0', ...extraEnv };
  for (const k of ['GOVAPP_WDIO_APPIUM_PORT', 'GOVAPP_APPIUM_URL', 'GOVAPP_UDID', 'GOVAPP_APP', 'GOVAPP_PACKAGE']) delete env[k];
  // Asynchronous: a synchronous child would block this worker's event loop and vitest's RPC with it.
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('npx', ['wdio', 'run', 'wdio.conf.ts', '--spec', spec], { cwd: REPO, env, timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('repro spec under wdio run against the replay driver', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeFakeBundle('study-portal');
    writeReproSpecs(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('study-portal 4.1.1 passes', async () => {
    const r = await wdio(path.join(dir, 'repro/4.1.1.spec.ts'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 passing/);
  }, 300_000);

  it('a spec whose evidence is not on screen fails', async () => {
    const findings = readFindings(dir);
    const c = findings.clauses.find((x) => x.clause === '4.1.1')!;
    c.evidence = [{ ...c.evidence[0], text: '不存在的按钮', bounds: undefined }];
    writeReproSpecs(dir, findings);
    const r = await wdio(path.join(dir, 'repro/4.1.1.spec.ts'), { GOVAPP_REPRO_TIMEOUT_MS: '2000' });
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/不存在的按钮/);
  }, 300_000);
});
