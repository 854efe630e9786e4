import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFindings } from '../../reports/bundle-data.ts';
import { renderBundle } from '../../reports/index.ts';
import { launchChromium, renderPdf } from '../../reports/pdf.ts';
import { writeManifest } from '../../src/bundle/manifest.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';
import { REPO, SAMPLE_APPS } from '../helpers/paths.ts';
import { PROBE_CHARS, PROBE_STRING } from '../../src/probes/gb18030.ts';

const ARTIFACTS = path.join(REPO, 'test-artifacts');
const dirs: string[] = [];
let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function rendered(app: string, tamper?: (dir: string) => void): Promise<string> {
  const dir = writeFakeBundle(app);
  dirs.push(dir);
  tamper?.(dir);
  const failures = await renderBundle(dir, readFindings(dir));
  expect(failures).toEqual([]);
  await writeManifest(dir);
  return dir;
}

/** Loads report.html from file:// and collects everything that went wrong. */
async function load(dir: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
  const failed: string[] = [];
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()} ${r.status()}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(path.join(dir, 'report.html')).href, { waitUntil: 'load' });
  return { page, failed, errors, requests, dialogs };
}

describe.each(SAMPLE_APPS)('HTML report of %s', (app) => {
  it('loads with zero failed requests and zero console errors, offline, and shows the verdict table', async () => {
    const dir = await rendered(app);
    const { page, failed, errors, requests } = await load(dir);
    try {
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.every((u) => u.startsWith('file://') || u.startsWith('data:'))).toBe(true);
      // Every image is decoded (a missing file would have width 0).
      const broken = await page.$$eval('img', (imgs) => imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).map((i) => i.getAttribute('src')));
      expect(broken).toEqual([]);
      const rows = await page.$$eval('table.verdicts tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent!.trim())));
      expect(rows).toHaveLength(11);
      const expected = JSON.parse(readFileSync(path.join(REPO, '../shared/fixtures/apps', app, 'expected.json'), 'utf8')).clauses as Record<string, string>;
      const words: Record<string, string> = { fail: '不符合', pass: '符合', review: '需人工复核', 'n/a': '不适用', unknown: '无法判定' };
      for (const [clause, verdict] of Object.entries(expected)) expect(rows.find((r) => r[0] === clause)?.[2]).toBe(words[verdict]);
      expect(await page.isVisible('table.verdicts')).toBe(true);
      expect(await page.$$eval('svg.crawl-graph image', (imgs) => imgs.length)).toBeGreaterThan(3);
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${app}.png`) });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${app}-full.png`), fullPage: true });
    } finally {
      await page.close();
    }
  });
});

describe('several findings on one screen', () => {
  it('shows one card with every box numbered and the items listed, not near-identical cards', async () => {
    const dir = await rendered('study-portal', (d) => {
      const f = JSON.parse(readFileSync(path.join(d, 'findings.json'), 'utf8'));
      const c = f.clauses.find((x: { clause: string }) => x.clause === '4.1.2');
      const shot = c.evidence[0].screenshot;
      const state = c.evidence[0].state;
      c.evidence = [1, 2, 3, 4, 5].map((n) => ({ state, screenshot: shot, via: 'a11y', text: `${n} 用户${n} ${1300 - n * 10}分`, bounds: [40, 300 + n * 120, 1040, 400 + n * 120] }));
      writeFileSync(path.join(d, 'findings.json'), JSON.stringify(f));
    });
    expect(existsSync(path.join(dir, 'evidence/4.1.2-1-all.png'))).toBe(true);
    const { page } = await load(dir);
    try {
      const cards = await page.$$eval('#clause-4\\.1\\.2 figure.evidence', (els) => els.map((e) => Array.from(e.querySelectorAll('ol.items li')).map((li) => li.textContent ?? '')));
      expect(cards).toHaveLength(1);
      expect(cards[0]).toHaveLength(5);
      expect(cards[0][0]).toMatch(/^1 用户1 1290分/);
      // The verdict table still counts every item.
      const count = await page.$eval('table.verdicts tbody tr:nth-child(2) td:last-child', (td) => td.textContent);
      expect(count).toBe('5 项');
    } finally {
      await page.close();
    }
  });
});

describe('a report attached on its own', () => {
  it('renders every image when report.html is copied alone to another directory', async () => {
    const dir = await rendered('study-portal');
    const alone = mkdtempSync(path.join(os.tmpdir(), 'govapp-report-alone-'));
    dirs.push(alone);
    copyFileSync(path.join(dir, 'report.html'), path.join(alone, 'report.html'));
    const html = readFileSync(path.join(alone, 'report.html'), 'utf8');
    // Every picture is inlined; links to full-size screenshots may point into the bundle.
    expect(html).not.toMatch(/<img[^>]+src="(?!data:image\/jpeg;base64,)/);
    expect(html).not.toMatch(/<image[^>]+href="(?!data:image\/jpeg;base64,)/);
    const { page, failed, errors, requests } = await load(alone);
    try {
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('data:') && !u.endsWith('/report.html'))).toEqual([]);
      const imgs = await page.$$eval('img', (els) => els.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(imgs.length).toBeGreaterThan(0);
      expect(imgs.every((w) => w > 0)).toBe(true);
      expect(await page.$$eval('svg.crawl-graph image', (els) => els.length)).toBeGreaterThan(3);
      // Graph nodes are named as a person would name them, not only s1…sN.
      const labels = await page.$$eval('svg.crawl-graph .node-label', (els) => els.map((e) => e.textContent ?? ''));
      expect(labels.some((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
      await page.screenshot({ path: path.join(ARTIFACTS, 'report-alone.png'), fullPage: true });
    } finally {
      await page.close();
    }
    // Size-aware: downscaled JPEG thumbnails, not the full PNGs.
    const pngBytes = readdirSync(path.join(dir, 'states')).filter((f) => f.endsWith('.png')).reduce((n, f) => n + statSync(path.join(dir, 'states', f)).size, 0);
    expect(Buffer.byteLength(html)).toBeLessThan(Math.max(pngBytes, 2_000_000));
  });
});

describe('report safety and printing', () => {
  it('escapes hostile app text: no script, no handler, no dialog, no foreign URL', async () => {
    const evil = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const dir = await rendered('river-patrol', (d) => {
      const f = JSON.parse(readFileSync(path.join(d, 'findings.json'), 'utf8'));
      f.app.label = `</title>${evil}`;
      f.clauses[0].summary = evil;
      f.clauses[0].evidence[0].text = evil;
      f.clauses[0].evidence.push({ state: `<svg onload=alert(3)>`, screenshot: 'javascript:alert(4)', text: evil, via: 'ocr', bounds: [0, 0, 10, 10] });
      f.clauses[0].evidence.push({ state: 'home', screenshot: '../../../etc/passwd', via: 'ocr' });
      writeFileSync(path.join(d, 'findings.json'), JSON.stringify(f));
      const actions = readFileSync(path.join(d, 'crawl.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      for (const a of actions) if (a.label) a.label = `${a.label}${evil}`;
      writeFileSync(path.join(d, 'crawl.jsonl'), actions.map((a) => JSON.stringify(a)).join('\n') + '\n');
    });
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('etc/passwd');
    const { page, failed, errors, dialogs } = await load(dir);
    try {
      expect(dialogs).toEqual([]);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      const handlers = await page.evaluate(() =>
        Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      );
      expect(handlers).toEqual([]);
      expect(await page.$$eval('script', (s) => s.length)).toBe(0);
      expect(await page.textContent('table.verdicts')).toContain('<script>alert(2)</script>');
    } finally {
      await page.close();
    }
  });

  it('draws every GB 18030-2022 probe character as a glyph, not as tofu, in HTML and PDF', async () => {
    const dir = await rendered('study-portal', (d) => {
      const f = JSON.parse(readFileSync(path.join(d, 'findings.json'), 'utf8'));
      const c44 = f.clauses.find((c: { clause: string }) => c.clause === '4.4');
      c44.summary = `回读字符：${PROBE_STRING}`;
      writeFileSync(path.join(d, 'findings.json'), JSON.stringify(f));
    });
    const { page } = await load(dir);
    try {
      expect(await page.textContent('table.verdicts')).toContain(PROBE_STRING);
      // Each character drawn in the report's own font stack must differ from the "missing glyph"
      // box (an unassigned code point), and no two probe characters may look the same.
      const result = await page.evaluate((chars: string[]) => {
        const family = getComputedStyle(document.body).fontFamily;
        const draw = (ch: string) => {
          const c = document.createElement('canvas');
          c.width = 64;
          c.height = 64;
          const ctx = c.getContext('2d')!;
          ctx.font = `48px ${family}`;
          ctx.fillText(ch, 4, 52);
          return c.toDataURL();
        };
        const tofu = draw('\u{10FFFD}');
        const drawn = chars.map(draw);
        return { tofu: chars.filter((_, i) => drawn[i] === tofu), distinct: new Set(drawn).size };
      }, PROBE_CHARS.map((p) => p.ch));
      expect(result.tofu).toEqual([]);
      expect(result.distinct).toBe(PROBE_CHARS.length);
    } finally {
      await page.close();
    }
    // The PDF embeds the fallback font that carries the Extension B–H glyphs.
    const pdf = readFileSync(await renderPdf(dir, browser)).toString('latin1');
    expect(pdf).toMatch(/BabelStone/);
  });

  it('prints to PDF with headless Chromium', async () => {
    const dir = await rendered('study-portal');
    const pdf = await renderPdf(dir, browser);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(2);
    writeFileSync(path.join(ARTIFACTS, 'report-study-portal.pdf'), bytes);
  });
});
