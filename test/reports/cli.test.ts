import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';
import { EXIT } from '../../src/exit-codes.ts';

const cli = runMain;

let dir: string;
let tmp: string;
let priv: string;
let pub: string;
beforeAll(async () => {
  dir = await writeSealedBundle('river-patrol');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'govapp-cli-'));
  const keys = generateKeyPairSync('ed25519');
  priv = path.join(tmp, 'key.pem');
  pub = path.join(tmp, 'key.pub.pem');
  writeFileSync(priv, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, keys.publicKey.export({ type: 'spki', format: 'pem' }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

describe('govapp report / verify', () => {
  it('report renders, signs, packs, writes JUnit and gates', async () => {
    const zip = path.join(tmp, 'river.zip');
    const junit = path.join(tmp, 'out/junit.xml');
    const r = await cli('report', dir, '--sign-key', priv, '--zip', zip, '--junit', junit, '--fail-on', 'review');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/--fail-on review: 4\.1\.1 \(review\)/);
    for (const f of ['report.html', 'manifest.json', 'manifest.sig', 'evidence/4.1.1-1.png', 'repro/4.1.1.spec.ts']) expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(readFileSync(junit, 'utf8')).toContain('<testsuites');
    expect(await cli('verify', dir, '--pub-key', pub)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: .*signature valid/m) });
    expect(await cli('verify', zip, '--pub-key', pub)).toMatchObject({ code: 0 });
  });

  it('verify exits 5 (integrity failure) and names each missing, added and changed file', async () => {
    const copy = path.join(tmp, 'copy');
    await cli('report', dir, '--zip', path.join(tmp, 'copy.zip'));
    const { extractBundle } = await import('../../src/bundle/zip.ts');
    await extractBundle(path.join(tmp, 'copy.zip'), copy);
    const png = readFileSync(path.join(copy, 'states/home.png'));
    png[100] ^= 0xff;
    writeFileSync(path.join(copy, 'states/home.png'), png);
    rmSync(path.join(copy, 'probes.json'));
    writeFileSync(path.join(copy, 'states/injected.png'), 'x');
    const r = await cli('verify', copy);
    expect(r.code).toBe(EXIT.INTEGRITY);
    expect(r.stdout).toMatch(/^changed {2}states\/home\.png/m);
    expect(r.stdout).toMatch(/^missing {2}probes\.json/m);
    expect(r.stdout).toMatch(/^added {4}states\/injected\.png/m);
    expect(r.stdout).toMatch(/^FAILED: /m);
    const json = JSON.parse((await cli('verify', copy, '--json')).stdout);
    expect(json).toMatchObject({ ok: false, missing: ['probes.json'], added: ['states/injected.png'] });
  });

  it('report keeps earlier manifests in history/ and rejects bad input with one line', async () => {
    expect(readdirSync(path.join(dir, 'history')).filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(1);
    expect(await cli('verify', path.join(tmp, 'nope'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/^govapp: BAD_BUNDLE: /) });
    expect(await cli('report', dir, '--fail-on', 'maybe')).toMatchObject({ code: 2, stderr: expect.stringMatching(/BAD_ARGUMENT: --fail-on/) });
    expect(await cli('report', dir, '--sign-key', pub)).toMatchObject({ code: 2, stderr: expect.stringMatching(/BAD_ARGUMENT: --sign-key/) });
    expect(await cli('verify', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('usage: govapp verify') });
  });
});
