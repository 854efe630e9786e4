import { appendFileSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readObservation } from '../../src/bundle/read.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

const dirs: string[] = [];
const bundle = (app: string, opts = {}) => {
  const d = writeFakeBundle(app, opts);
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('readObservation', () => {
  it('rebuilds screens, snapshots, OCR, actions and probes from a bundle', () => {
    const dir = bundle('study-portal');
    const obs = readObservation(dir);
    const screens = JSON.parse(readFileSync(path.join(dir, 'screens.json'), 'utf8'));
    expect(obs.app).toEqual({ package: 'cn.gov.example.study', label: '某省干部网络学院', versionName: '2.3.0' });
    expect(obs.stopReason).toBe('explored');
    expect(obs.screens.map((s) => s.state)).toEqual(screens.map((s: { state: string }) => s.state));
    const home = obs.screens.find((s) => s.state === 'home')!;
    expect(home).toMatchObject({ screenshot: 'states/home.png', source: 'states/home.xml', package: 'cn.gov.example.study', activity: '.MainActivity', inApp: true, path: [1] });
    expect(home.snapshot.elements.some((e) => e.text === '每日签到')).toBe(true);
    expect(home.ocr?.length).toBeGreaterThan(0);
    expect(home.ocr![0].bounds).toHaveProperty('x1');
    const signin = home.texts.find((t) => t.text === '每日签到')!;
    expect(signin).toMatchObject({ via: 'a11y', clickable: true, kind: 'text', confidence: 1 });
    expect(obs.actions.length).toBe(readFileSync(path.join(dir, 'crawl.jsonl'), 'utf8').trim().split('\n').length);
    expect(obs.actions[4]).toMatchObject({ kind: 'tap', bounds: { x1: 60, y1: 260, x2: 1020, y2: 380 } });
    expect(obs.probes).toEqual([expect.objectContaining({ kind: 'encoding', state: 'feedback', bounds: expect.objectContaining({ x1: expect.any(Number) }) })]);
  });

  it('tolerates missing optional files (probes, OCR, crawl.jsonl, run.json)', () => {
    const dir = bundle('river-patrol', { ocr: false, probes: false });
    unlinkSync(path.join(dir, 'run.json'));
    unlinkSync(path.join(dir, 'crawl.jsonl'));
    const obs = readObservation(dir);
    expect(obs.probes).toEqual([]);
    expect(obs.actions).toEqual([]);
    expect(obs.screens.every((s) => s.ocr === undefined)).toBe(true);
    const perm = obs.screens.find((s) => s.state === 'perm')!;
    expect(perm).toMatchObject({ package: 'com.android.permissioncontroller', inApp: false });
  });

  it('falls back to app.json when screens.json is missing', () => {
    const dir = bundle('office-compliant');
    unlinkSync(path.join(dir, 'screens.json'));
    const obs = readObservation(dir);
    expect(obs.screens.length).toBe(JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')).states.length);
  });

  it('drops a torn last line of crawl.jsonl (crash mid-write) but not a bad line in the middle', () => {
    const dir = bundle('river-patrol');
    const file = path.join(dir, 'crawl.jsonl');
    const n = readFileSync(file, 'utf8').trim().split('\n').length;
    appendFileSync(file, '{"seq": 999, "kind": "ta');
    expect(readObservation(dir).actions.length).toBe(n);
    writeFileSync(file, '{"seq":0,"kind":"launch"}\nnot json\n{"seq":1,"kind":"back"}\n');
    expect(() => readObservation(dir)).toThrow(/crawl.jsonl:2/);
  });

  it('names the file when a page source is missing', () => {
    const dir = bundle('river-patrol');
    unlinkSync(path.join(dir, 'states/mine.xml'));
    expect(() => readObservation(dir)).toThrow(expect.objectContaining({ code: 'BAD_BUNDLE', message: expect.stringMatching(/states\/mine\.xml/) }));
  });
});

describe('screen texts', () => {
  it('are merged exactly as the crawler merges them (a11y + OCR-only)', () => {
    const dir = bundle('office-compliant');
    const obs = readObservation(dir);
    for (const s of obs.screens) expect(s.texts).toEqual(mergeTexts(s.snapshot, s.ocr));
    const login = obs.screens.find((s) => s.state === 'login')!;
    expect(login.texts.some((t) => t.text.includes('ICP') && t.via === 'a11y')).toBe(true);
  });
});

describe('readObservation: coverage', () => {
  it('reads run.coverage from run.json; none for an old bundle; a malformed one is BAD_BUNDLE naming file and field', () => {
    expect(readObservation(bundle('river-patrol')).coverage).toMatchObject({ actionsLeft: 0, walls: [] });
    expect(readObservation(bundle('river-patrol', { coverage: false })).coverage).toBeUndefined();
    const dir = bundle('river-patrol');
    const run = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...run, coverage: { ...run.coverage, walls: [{ kind: 'login' }] } }));
    expect(() => readObservation(dir)).toThrow(/run\.json: coverage\.walls\.0\.state: /);
  });
});
