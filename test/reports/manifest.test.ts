import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archiveManifest, readManifest, writeManifest } from '../../src/bundle/manifest.ts';
import { canonicalJson } from '../../src/bundle/manifest-schema.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

let dir: string;
beforeEach(() => {
  dir = writeFakeBundle('study-portal');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('manifest', () => {
  it('lists every file with its SHA-256 and size, and the run metadata', async () => {
    const m = await writeManifest(dir);
    const paths = m.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('states/home.png');
    expect(paths).toContain('crawl.jsonl');
    expect(paths).toContain('logs/crawl.log');
    expect(paths).not.toContain('manifest.json');
    const home = m.files.find((f) => f.path === 'states/home.xml')!;
    expect(home.size).toBe(readFileSync(path.join(dir, 'states/home.xml')).length);
    expect(home.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.tool.name).toBe('govapp-inspector');
    expect(m.rules['4.1.1']).toBe('1');
    expect(m.device).toMatchObject({ model: 'sdk_gphone64_x86_64', androidVersion: '14', screen: { width: 1080, height: 2340, density: 440 } });
    expect(m.app).toMatchObject({ package: 'cn.gov.example.study', versionName: '2.3.0', versionCode: 230 });
    expect(m.startedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(m.finishedAt).toBeDefined();
    expect(await readManifest(dir)).toEqual(m);
  });

  it('keeps apkSha256 when the app came from an APK', async () => {
    const m = await writeManifest(dir, { app: { apkSha256: 'a'.repeat(64) } });
    expect(m.app.apkSha256).toBe('a'.repeat(64));
  });

  it('canonical JSON ignores key order and whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"e":3,"f":2}]},"b":1}');
  });
});

describe('verify', () => {
  it('passes an untouched bundle', async () => {
    await writeManifest(dir);
    const r = await verifyBundle(dir);
    expect(r).toMatchObject({ ok: true, missing: [], added: [], changed: [], signature: 'absent' });
  });

  it('catches a flipped byte', async () => {
    await writeManifest(dir);
    const file = path.join(dir, 'states/home.png');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    writeFileSync(file, bytes);
    const r = await verifyBundle(dir);
    expect(r.ok).toBe(false);
    expect(r.changed.map((c) => c.path)).toEqual(['states/home.png']);
    expect(r.changed[0].actual.size).toBe(r.changed[0].expected.size);
    expect(r.missing).toEqual([]);
    expect(r.added).toEqual([]);
  });

  it('catches a deleted file', async () => {
    await writeManifest(dir);
    unlinkSync(path.join(dir, 'screens.json'));
    const r = await verifyBundle(dir);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['screens.json']);
  });

  it('catches an added file, hidden ones and ones in new folders too', async () => {
    await writeManifest(dir);
    writeFileSync(path.join(dir, 'states/extra.png'), 'x');
    writeFileSync(path.join(dir, '.hidden'), 'x');
    const r = await verifyBundle(dir);
    expect(r.ok).toBe(false);
    expect(r.added).toEqual(['.hidden', 'states/extra.png']);
  });

  it('catches a changed manifest entry (findings edited after the fact)', async () => {
    await writeManifest(dir);
    appendFileSync(path.join(dir, 'findings.json'), ' ');
    expect((await verifyBundle(dir)).changed.map((c) => c.path)).toEqual(['findings.json']);
  });

  it('says BAD_BUNDLE for a directory without a manifest', async () => {
    await expect(verifyBundle(dir)).rejects.toMatchObject({ code: 'BAD_BUNDLE' });
  });
});

describe('archiveManifest', () => {
  it('moves the manifest (and signature) to history/ so a rewrite keeps it', async () => {
    const first = await writeManifest(dir);
    writeFileSync(path.join(dir, 'manifest.sig'), '{}');
    const archived = await archiveManifest(dir);
    expect(archived).toMatch(/history\/manifest-.*\.json$/);
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(false);
    expect(JSON.parse(readFileSync(archived!, 'utf8')).createdAt).toBe(first.createdAt);
    expect(readdirSync(path.join(dir, 'history')).sort()).toEqual([path.basename(archived!), path.basename(archived!).replace(/\.json$/, '.sig')].sort());
    const second = await writeManifest(dir, { reason: 'analyze' });
    expect(second.files.map((f) => f.path)).toContain(`history/${path.basename(archived!)}`);
    expect((await verifyBundle(dir)).ok).toBe(true);
    expect(await archiveManifest(mkdtempSync(path.join(os.tmpdir(), 'govapp-empty-')))).toBeUndefined();
  });
});
