import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'govapp-cli-'));

/** A copy of a sample app in a temp dir, to break on purpose. */
function brokenCopy(edit: (dir: string) => void): string {
  const d = path.join(tmp(), 'app');
  cpSync(sampleApp('river-patrol'), d, { recursive: true });
  edit(d);
  return d;
}

/** Bad input: one line naming the file or field, a non-zero exit, nothing else on stderr. */
async function expectOneLineError(args: string[], re: RegExp, code = 2) {
  const r = await runCli(args);
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n').filter((l) => !/^npm warn/.test(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^govapp: [A-Z_]+: /);
  expect(lines[0]).toMatch(re);
}

describe('govapp crawl: bad input', () => {
  it('an unknown option', () => expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', tmp(), '--bogus'], /BAD_ARGUMENT: crawl: Unknown option '--bogus'/));
  it('an unknown command', () => expectOneLineError(['crawll'], /unknown command "crawll"/));
  it('an unknown safety level', () => expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', tmp(), '--safety', 'paranoid'], /BAD_ARGUMENT: --safety: expected one of default, strict, got "paranoid"/));
  it('a missing --out', () => expectOneLineError(['crawl', '--app', sampleApp('study-portal')], /--out <dir> is required/));
  it('a directory without app.json', () => expectOneLineError(['crawl', '--app', tmp(), '--out', tmp()], /BAD_APP_GRAPH: .*app\.json: missing/));
  it('an invalid field in app.json', () => {
    const app = brokenCopy((d) => {
      const j = JSON.parse(readFileSync(path.join(d, 'app.json'), 'utf8'));
      j.device.width = 'wide';
      writeFileSync(path.join(d, 'app.json'), JSON.stringify(j));
    });
    return expectOneLineError(['crawl', '--app', app, '--out', tmp()], /app\.json: device\.width: /);
  });
  it('unparseable page source XML names the file', () => {
    const app = brokenCopy((d) => writeFileSync(path.join(d, 'states/mine.xml'), '<hierarchy><node></hierarchy>'));
    return expectOneLineError(['crawl', '--app', app, '--out', tmp()], /BAD_PAGE_SOURCE: .*states\/mine\.xml: not well-formed XML/);
  });
  it('an unreachable Appium URL', () => expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', tmp(), '--appium-url', 'http://127.0.0.1:9'], /APPIUM_UNREACHABLE: --appium-url http:\/\/127\.0\.0\.1:9/, 1));
  it('a bad number', () => expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', tmp(), '--max-actions', 'lots'], /--max-actions: expected an integer/));
  it('a bad config field', () => {
    const cfg = path.join(tmp(), 'govapp.yaml');
    writeFileSync(cfg, 'crawl:\n  maxActions: -3\n');
    return expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', tmp(), '--config', cfg], /BAD_CONFIG: .*govapp\.yaml: crawl\.maxActions: /);
  });
  it('an --out that already holds a crawl is not overwritten', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'findings.json'), '{"keep":true}');
    await expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', inject('appiumUrl')], /already holds a crawl/);
    expect(readFileSync(path.join(out, 'findings.json'), 'utf8')).toBe('{"keep":true}');
  });
  it('an --out holding unrelated files is refused before anything is written into it', async () => {
    const out = tmp();
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    mkdirSync(path.join(out, 'photos'));
    await expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', out], /BAD_ARGUMENT: --out .*: not empty and not an evidence bundle \(holds notes\.txt, photos\)/);
    expect(readdirSync(out).sort()).toEqual(['notes.txt', 'photos']);
  });
  it('an --out that is a file is refused', async () => {
    const file = path.join(tmp(), 'bundle');
    writeFileSync(file, 'x');
    await expectOneLineError(['crawl', '--app', sampleApp('study-portal'), '--out', file], /BAD_ARGUMENT: --out .*: exists and is not a directory/);
  });
});

describe('govapp crawl: the main job', () => {
  it('crawls a sample end to end through a local Appium it starts and stops', async () => {
    const out = path.join(tmp(), 'bundle');
    const r = await runCli(['crawl', '--app', sampleApp('river-patrol'), '--out', out, '--ocr', 'off'], { timeoutMs: 180_000 });
    expect(r.stderr).not.toMatch(/govapp: /);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/河湖巡护通: 9 screens \(8 in the app\), \d+ actions, stop: explored/);
    expect(r.stdout).toMatch(/4\.1\.1 +需人工复核/);
    for (const f of ['report.html', 'manifest.json']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const verify = await runCli(['verify', out]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    for (const f of ['findings.json', 'app.json', 'crawl.jsonl', 'screens.json', 'run.json', 'states/s1.xml', 'states/s1.png', 'logs/crawl.log', 'logs/appium.log']) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
  });
});
