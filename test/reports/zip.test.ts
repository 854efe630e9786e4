import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from '../../src/bundle/manifest.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { extractBundle, packBundle } from '../../src/bundle/zip.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

let dir: string;
let tmp: string;
beforeAll(async () => {
  dir = writeFakeBundle('office-compliant');
  await writeManifest(dir);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govapp-zip-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('bundle zip', () => {
  it('survives a round trip: pack, verify the zip, unpack, verify the directory', async () => {
    const zip = path.join(tmp, 'bundle.zip');
    await packBundle(dir, zip);
    expect(await verifyBundle(zip)).toMatchObject({ ok: true, missing: [], added: [], changed: [] });
    const out = path.join(tmp, 'unpacked');
    await extractBundle(zip, out);
    expect((await verifyBundle(out)).ok).toBe(true);
    expect(readFileSync(path.join(out, 'states/home.png'))).toEqual(readFileSync(path.join(dir, 'states/home.png')));
  });

  it('is byte-identical for an identical bundle', async () => {
    await packBundle(dir, path.join(tmp, 'a.zip'));
    await packBundle(dir, path.join(tmp, 'b.zip'));
    expect(readFileSync(path.join(tmp, 'a.zip')).equals(readFileSync(path.join(tmp, 'b.zip')))).toBe(true);
  });

  it('catches a flipped byte, a deleted and an added entry inside the zip', async () => {
    const zip = path.join(tmp, 'bundle.zip');
    await packBundle(dir, zip);
    const entries = unzipSync(readFileSync(zip));
    entries['states/login.xml'] = Uint8Array.from(entries['states/login.xml'], (b, i) => (i === 10 ? b ^ 1 : b));
    delete entries['screens.json'];
    entries['notes.txt'] = new TextEncoder().encode('added later');
    const bad = path.join(tmp, 'bad.zip');
    writeFileSync(bad, zipSync(entries));
    const r = await verifyBundle(bad);
    expect(r.ok).toBe(false);
    expect(r.changed.map((c) => c.path)).toEqual(['states/login.xml']);
    expect(r.missing).toEqual(['screens.json']);
    expect(r.added).toEqual(['notes.txt']);
  });

  it('accepts a zip made of the bundle folder (`zip -r b.zip b/`)', async () => {
    const entries = unzipSync(readFileSync(path.join(tmp, 'bundle.zip')));
    const wrapped = Object.fromEntries(Object.entries(entries).map(([k, v]) => [`my-bundle/${k}`, v]));
    const zip = path.join(tmp, 'wrapped.zip');
    writeFileSync(zip, zipSync(wrapped));
    expect((await verifyBundle(zip)).ok).toBe(true);
  });

  it('refuses entries that would escape the bundle', async () => {
    const zip = path.join(tmp, 'evil.zip');
    writeFileSync(zip, zipSync({ 'manifest.json': new Uint8Array(), '../evil.txt': new Uint8Array([1]) }));
    await expect(verifyBundle(zip)).rejects.toMatchObject({ code: 'BAD_BUNDLE' });
  });

  it('will not write the zip inside the bundle it packs', async () => {
    await expect(packBundle(dir, path.join(dir, 'self.zip'))).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
