import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';

/** What a new user meets at the terminal: help that answers, the same words everywhere. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('help', () => {
  it('`govapp help crawl` prints the crawl usage with examples, like `crawl --help`', async () => {
    const viaHelp = await runMain('help', 'crawl');
    const viaFlag = await runMain('crawl', '--help');
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(/^usage: govapp crawl/);
    expect(viaHelp.stdout).toMatch(/examples:\n {2}govapp crawl --app /);
  });

  it('`govapp help` lists the commands; an unknown topic is one error line, exit 2', async () => {
    expect((await runMain('help')).stdout).toMatch(/commands:\n {2}crawl/);
    const r = await runMain('help', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^govapp: BAD_ARGUMENT: no help for "nope"/);
  });
});

describe('words', () => {
  it('analyze prints the same Chinese verdict words as crawl and the report, never fail/pass', async () => {
    const dir = await writeSealedBundle('study-portal');
    dirs.push(dir);
    const r = await runMain('analyze', dir);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}\d/.test(l));
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(row).toMatch(/^ {2}[\d.a-z]+\s+(不符合|符合|需人工复核|不适用|无法判定)\s/);
    expect(r.stdout).not.toMatch(/^ {2}[\d.a-z]+\s+(fail|pass|review|n\/a|unknown)\s/m);
  });

  it('a tripped gate says why on stderr even when the output is quiet', async () => {
    const dir = await writeSealedBundle('study-portal');
    dirs.push(dir);
    const r = await runMain('report', dir, '--fail-on', 'fail');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^govapp: --fail-on fail: 4\.1\.1 \(fail\)/m);
  });
});

describe('stale files', () => {
  it('re-rendering a bundle that has a report.pdf renders the PDF again instead of leaving it stale', async () => {
    const dir = await writeSealedBundle('river-patrol');
    dirs.push(dir);
    writeFileSync(path.join(dir, 'report.pdf'), '%PDF-1.4 stale');
    // A stale PDF changes the bundle: re-issuing it is --force, recorded in history/.
    const r = await runMain('report', dir, '--force');
    expect(r.code, r.stderr).toBe(0);
    const pdf = readFileSync(path.join(dir, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).not.toContain('stale');
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});

describe('counts that say what they count', () => {
  it('the crawl summary separates the app\'s own screens from system dialogs and the launcher', async () => {
    const { screensCount } = await import('../../cli/commands/crawl.ts');
    expect(screensCount(9, 8)).toBe('9 screens (8 in the app)');
    expect(screensCount(9, 9)).toBe('9 screens');
  });
});
