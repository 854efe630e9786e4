import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { loadConfig } from '../../src/config/load.ts';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { parseAppArgument } from '../../crawlers/target.ts';
import { sampleApp } from '../helpers/paths.ts';

/** A real 1×1 PNG: screenshots are checked as PNGs at load. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function graphDir(app: unknown, files: string[] = ['states/a.xml', 'states/a.png']): string {
  const d = mkdtempSync(path.join(tmpdir(), 'govapp-graph-'));
  mkdirSync(path.join(d, 'states'));
  for (const f of files) writeFileSync(path.join(d, f), f.endsWith('.xml') ? '<hierarchy/>' : PNG_1PX);
  writeFileSync(path.join(d, 'app.json'), typeof app === 'string' ? app : JSON.stringify(app));
  return d;
}
const good = {
  format: 'app-graph/1',
  app: { package: 'p.q' },
  device: { width: 1080, height: 2340 },
  start: 'a',
  states: [{ id: 'a', source: 'states/a.xml', screenshot: 'states/a.png' }],
  transitions: [],
};

describe('app-graph loading', () => {
  it('accepts every public sample', () => {
    for (const a of ['study-portal', 'office-compliant', 'river-patrol']) expect(loadAppGraph(sampleApp(a)).graph.states.length).toBeGreaterThan(3);
  });
  it.each([
    ['{not json', /app\.json: not valid JSON/],
    [{ ...good, format: 'app-graph/2' }, /app\.json: format: /],
    [{ ...good, app: {} }, /app\.json: app\.package: /],
    [{ ...good, device: { width: 1080 } }, /app\.json: device\.height: /],
    [{ ...good, start: 'zz' }, /app\.json: start: no state with id "zz"/],
    [{ ...good, states: [{ id: 'a', source: 'states/a.xml' }] }, /app\.json: states\[0\]\.screenshot: /],
    [{ ...good, states: [{ id: 'a', source: 'states/missing.xml', screenshot: 'states/a.png' }] }, /states\[0\]\.source: file not found/],
    [{ ...good, transitions: [{ from: 'a', on: { text: 'x' }, to: 'b' }] }, /transitions\[0\]\.to: no state with id "b"/],
    [{ ...good, transitions: [{ from: 'a', to: 'a' }] }, /transitions\[0\]: needs exactly one of/],
    [{ ...good, states: [...good.states, ...good.states] }, /states\[1\]\.id: duplicate/],
  ])('one line naming file and field: %j', (app, re) => {
    expect(() => loadAppGraph(graphDir(app))).toThrowError(re);
  });
  it('an unparseable page source names the file', () => {
    const d = graphDir(good);
    writeFileSync(path.join(d, 'states/a.xml'), '<hierarchy><node></hierarchy>');
    expect(() => loadAppGraph(d)).toThrowError(/states\/a\.xml: not well-formed XML/);
  });
  it('a directory without app.json', () => {
    expect(() => loadAppGraph(mkdtempSync(path.join(tmpdir(), 'x-')))).toThrowError(/app\.json: missing/);
  });
});

describe('--app argument', () => {
  it('tells app-graph dirs, APKs and packages apart', () => {
    expect(parseAppArgument(sampleApp('study-portal'))).toMatchObject({ kind: 'app-graph', package: 'cn.gov.example.study' });
    expect(parseAppArgument('cn.gov.example.app')).toEqual({ kind: 'package', package: 'cn.gov.example.app' });
    expect(parseAppArgument('cn.gov.x/.MainActivity')).toEqual({ kind: 'package', package: 'cn.gov.x', activity: '.MainActivity' });
    expect(() => parseAppArgument('/nope/app.apk')).toThrowError(/APK file not found/);
    expect(() => parseAppArgument('not a thing')).toThrowError(/not an app-graph directory/);
  });
});

describe('config', () => {
  const write = (name: string, text: string) => {
    const d = mkdtempSync(path.join(tmpdir(), 'govapp-cfg-'));
    writeFileSync(path.join(d, name), text);
    return path.join(d, name);
  };
  it('reads YAML with defaults', async () => {
    const c = await loadConfig(write('govapp.yaml', 'apps:\n  cn.gov.x:\n    credentials: { username: u, password: p }\nsafety:\n  allow: [提交]\n'));
    expect(c.apps['cn.gov.x'].credentials).toMatchObject({ username: 'u', password: 'p', maxAttempts: 2 });
    expect(c.safety).toEqual({ level: 'default', allow: ['提交'], deny: [], unsafe: false });
    expect(c.probes.timerSeconds).toBe(3);
  });
  it.each([
    ['apps:\n  cn.gov.x:\n    credentials: { username: u }\n', /govapp\.yaml: apps\.cn\.gov\.x\.credentials\.password: /],
    ['safety:\n  unsafe: "yes"\n', /govapp\.yaml: safety\.unsafe: /],
    ['safety:\n  level: paranoid\n', /govapp\.yaml: safety\.level: /],
    ['crawl:\n  strategy: fastest\n', /govapp\.yaml: crawl\.strategy: /],
    ['bogus: 1\n', /govapp\.yaml: \(root\): Unrecognized key/],
    ['apps: [\n', /govapp\.yaml: cannot be read/],
  ])('names the file and field: %j', async (text, re) => {
    await expect(loadConfig(write('govapp.yaml', text))).rejects.toThrowError(re);
  });
  it('a missing file', async () => {
    await expect(loadConfig('/nope/govapp.yaml')).rejects.toThrowError(/govapp\.yaml: config file not found/);
  });
});

describe('capabilities', () => {
  it('replay: the app-graph directory as appium:app', () => {
    expect(buildCapabilities({ kind: 'app-graph', dir: sampleApp('study-portal'), package: 'cn.gov.example.study' })).toMatchObject({
      platformName: 'Android',
      'appium:automationName': 'Replay',
      'appium:app': sampleApp('study-portal'),
    });
  });
  it('real emulator: UiAutomator2, permissions left visible, per-session ports', () => {
    const caps = buildCapabilities({ kind: 'package', package: 'cn.gov.x' }, { udid: 'emulator-5554', systemPort: 8201, chromedriverPort: 9516, mjpegServerPort: 7811 });
    expect(caps).toMatchObject({
      'appium:automationName': 'UiAutomator2',
      'appium:udid': 'emulator-5554',
      'appium:appPackage': 'cn.gov.x',
      'appium:autoGrantPermissions': false,
      'appium:noReset': true,
      'appium:systemPort': 8201,
      'appium:chromedriverPort': 9516,
      'appium:mjpegServerPort': 7811,
    });
    const apk = buildCapabilities({ kind: 'apk', apk: '/x/app.apk' }, { avd: 'gov34' });
    expect(apk).toMatchObject({ 'appium:app': '/x/app.apk', 'appium:avd': 'gov34', 'appium:noReset': false });
    expect(() => buildCapabilities({ kind: 'package', package: 'cn.gov.x' })).toThrowError(/--udid/);
  });
});
