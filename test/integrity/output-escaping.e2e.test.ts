import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { writeManifest } from '../../src/bundle/manifest.ts';
import { csvField } from '../../batch/summary-csv.ts';
import { EXIT } from '../../src/exit-codes.ts';
import { runCli, runMain } from '../helpers/cli.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';
import { sampleApp } from '../helpers/paths.ts';

const RLO = '\u202E';
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const HOSTILE_LABEL = `=HYPERLINK("http://evil.example/x","${RLO}点我")`;

describe('bidi controls never reach HTML/PDF/terminal output; CSV formulas are neutralised', () => {
  it('report.html of a bundle whose texts carry U+202E/U+2066/U+200F holds none of them (the text itself stays)', async () => {
    const dir = writeFakeBundle('river-patrol');
    const f = path.join(dir, 'findings.json');
    const findings = JSON.parse(readFileSync(f, 'utf8'));
    findings.app.label = `${RLO}示例${'\u2066'}应用${'\u200F'}`;
    findings.clauses[0].summary = `首页${RLO}提供签到入口`;
    writeFileSync(f, JSON.stringify(findings, null, 2));
    await writeManifest(dir, { reason: 'crawl' });
    const r = await runMain('report', dir);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(BIDI);
    expect(html).toContain('首页提供签到入口');
    expect(html).toContain('示例应用');
  });

  it('verify prints paths without bidi controls', async () => {
    const dir = writeFakeBundle('river-patrol');
    await writeManifest(dir, { reason: 'crawl' });
    writeFileSync(path.join(dir, `states/gnp.${RLO}exe.png`), 'x');
    const r = await runMain('verify', dir);
    expect(r.code).toBe(EXIT.INTEGRITY);
    expect(r.stdout).toContain('added    states/gnp.exe.png');
    expect(r.stdout).not.toMatch(BIDI);
  });

  it('csvField: = + - @ tab CR at the start are neutralised (quoted, leading apostrophe); ordinary cells unchanged', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(csvField(v)).toBe(`"'${v.replace(/"/g, '""')}"`);
    expect(csvField('示例, 应用')).toBe('"示例, 应用"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12)).toBe('12');
  });

  it('a batch over an app labelled =HYPERLINK(…) with U+202E: batch.csv cell is inert, batch.html has no bidi control', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govapp-escape-'));
    const app = path.join(dir, 'app');
    cpSync(sampleApp('study-portal'), app, { recursive: true });
    const graph = JSON.parse(readFileSync(path.join(app, 'app.json'), 'utf8'));
    graph.app.label = HOSTILE_LABEL;
    writeFileSync(path.join(app, 'app.json'), JSON.stringify(graph, null, 2));
    writeFileSync(path.join(dir, 'apps.yaml'), `defaults: { maxMinutes: 1, ocr: off }\napps:\n  - id: hostile\n    appGraph: ${app}\n`);
    const out = path.join(dir, 'out');
    const r = await runCli(['batch', path.join(dir, 'apps.yaml'), '--out', out, '--appium-url', inject('appiumUrl'), '--quiet'], { timeoutMs: 180_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const csv = readFileSync(path.join(out, 'batch.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/x"",""${RLO}点我"")"`);
    expect(csv.split('\r\n').some((line) => line.split(',').some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);
    const html = readFileSync(path.join(out, 'batch.html'), 'utf8');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;点我&quot;)');
    expect(html).not.toMatch(BIDI);
  });
});
