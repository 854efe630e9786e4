import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { crawlBundle as crawl } from '../../cli/crawl-bundle.ts';
import { launchChromium } from '../../reports/pdf.ts';
import { signalsSection } from '../../reports/html/signals.ts';
import { findingsSchema } from '../../src/findings/schema.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { FIXTURES, REPO } from '../helpers/paths.ts';

const ARTIFACTS = path.join(REPO, 'test-artifacts');
let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function crawlFixture(name: string) {
  const dir = path.join(FIXTURES, 'apps', name);
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-signals-')), name);
  const result = await crawl({ target: { kind: 'app-graph', dir, package: loadAppGraph(dir).graph.app.package }, outDir, appiumUrl: inject('appiumUrl'), ocr: 'off' });
  return { outDir, result };
}

describe('signals in a crawl and its report', () => {
  it('empty-shell: the crawl writes signals; the report shows stale content and the dead ends (screenshot in test-artifacts/)', async () => {
    const { outDir, result } = await crawlFixture('empty-shell');
    expect(result.stopReason).toBe('explored');
    const findings = JSON.parse(readFileSync(path.join(outDir, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).error).toBeUndefined();
    expect(findings.clauses.find((c: { clause: string }) => c.clause === '6.d').verdict).toBe('pass');
    expect(findings.signals.freshness).toMatchObject({ newestDate: '2023-06-12', stale: true });
    expect(findings.signals.deadEnds.map((d: { kind: string; entry: string }) => `${d.kind}:${d.entry}`).sort()).toEqual(['empty:智慧党建', 'error:办事大厅', 'stub:便民服务']);

    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.goto(pathToFileURL(path.join(outDir, 'report.html')).href, { waitUntil: 'load' });
      const section = page.locator('section.signals');
      await expect(section.count()).resolves.toBe(1);
      const text = (await section.textContent()) ?? '';
      expect(text).toContain('2023-06-12');
      expect(text).toContain('内容长期未更新');
      expect(text).toContain('“智慧党建”');
      expect(text).toContain('敬请期待');
      expect(await page.locator('table.signal-dead-ends tbody tr').count()).toBe(3);
      await section.screenshot({ path: path.join(ARTIFACTS, 'signals-empty-shell.png') });
    } finally {
      await page.close();
    }
  });

  it('work-proof: permissions asked on taps, with their answers; 6.d fails with the camera permission as evidence', async () => {
    const { outDir, result } = await crawlFixture('work-proof');
    const findings = result.findings;
    const sixD = findings.clauses.find((c) => c.clause === '6.d')!;
    expect(sixD.verdict, sixD.summary).toBe('fail');
    expect(findings.signals!.permissions.map((p) => `${p.permission.replace('android.permission.', '')}@${p.asked}:${p.answer}`).sort()).toEqual([
      'ACCESS_BACKGROUND_LOCATION@巡查轨迹上报:allow-always',
      'CAMERA@拍照打卡:allow-foreground',
    ]);
    // 拍照上传 uploads: the safety policy refuses it, so its camera dialog is never seen — but the button is.
    expect(readFileSync(path.join(outDir, 'skipped.jsonl'), 'utf8')).toContain('拍照上传');
    expect(sixD.evidence.map((e) => e.text)).toContain('拍照上传');
    expect(result.stopReason).toBe('explored');
    const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    try {
      await page.goto(pathToFileURL(path.join(outDir, 'report.html')).href, { waitUntil: 'load' });
      expect(await page.locator('table.signal-permissions tbody tr').count()).toBe(2);
      expect(await page.locator('section.signals').textContent()).toContain('点击“拍照打卡”后');
      await page.locator('section.signals').screenshot({ path: path.join(ARTIFACTS, 'signals-work-proof.png') });
    } finally {
      await page.close();
    }
  });

  it('escapes every value and renders nothing for findings without signals', () => {
    expect(signalsSection(undefined)).toBe('');
    const html = signalsSection({
      signals: { permissions: [{ permission: 'x<y>', asked: '<b>拍照</b>', state: 's1', answer: 'deny' }], deadEnds: [{ state: 's2', kind: 'stub', text: '<script>' }] },
      screenNames: { s1: '"&' },
    });
    expect(html).not.toMatch(/<b>|<script>|x<y>/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('未在列表或文章中发现内容日期');
  });
});
