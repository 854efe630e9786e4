import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.ts';
import { packBundle } from '../../src/bundle/zip.ts';
import { runCli, runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';
import { REPO } from '../helpers/paths.ts';
import { craftZip, deflated, type CraftEntry } from '../helpers/zip-craft.ts';

let sealed: string;
let tmp: string;
beforeAll(async () => {
  sealed = await writeSealedBundle('river-patrol');
  tmp = mkdtempSync(path.join(tmpdir(), 'govapp-hostile-'));
  // A bundle as `report` leaves it: evidence/, repro/, history/ and a manifest over all of them.
  expect((await runMain('report', sealed)).code).toBe(0);
});
afterAll(() => {
  rmSync(sealed, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh copy of the finished bundle to break. */
function copy(): string {
  const d = path.join(tmp, `b${n++}`);
  cpSync(sealed, d, { recursive: true });
  return d;
}

function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).sort().join('\n');
}

describe('no laundering: report and analyze verify the bundle first', () => {
  it('an edited findings.json: verify fails (5), report and analyze refuse (5) and touch nothing', async () => {
    const d = copy();
    const f = path.join(d, 'findings.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/"verdict": "fail"/, '"verdict": "pass"'));
    const manifest = readFileSync(path.join(d, 'manifest.json'), 'utf8');
    const before = snapshot(d);
    expect((await runMain('verify', d)).code).toBe(EXIT.INTEGRITY);
    for (const cmd of ['report', 'analyze']) {
      const r = await runMain(cmd, d);
      expect(r.code, r.stderr).toBe(EXIT.INTEGRITY);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^govapp: INTEGRITY_FAILED: .*does not verify .*1 changed.*${cmd} refuses`));
    }
    expect(readFileSync(path.join(d, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(snapshot(d)).toBe(before);
    expect((await runMain('verify', d)).code).toBe(EXIT.INTEGRITY);
  });

  it('a deleted manifest is no way round it', async () => {
    const d = copy();
    rmSync(path.join(d, 'manifest.json'));
    const r = await runMain('report', d);
    expect(r.code).toBe(EXIT.INTEGRITY);
    expect(r.stderr).toMatch(/INTEGRITY_FAILED: .*no manifest\.json/);
    expect(existsSync(path.join(d, 'manifest.json'))).toBe(false);
  });

  it('--force re-issues it, records the failed verification in history/, and the new (signed) manifest says so for good', async () => {
    const d = copy();
    const f = path.join(d, 'findings.json');
    writeFileSync(f, readFileSync(f, 'utf8').replace('"summary": "', '"summary": "（已改）'));
    const { generateKeyPairSync } = await import('node:crypto');
    const keys = generateKeyPairSync('ed25519');
    const priv = path.join(tmp, 'k.pem');
    const pub = path.join(tmp, 'k.pub.pem');
    writeFileSync(priv, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pub, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const r = await runMain('report', d, '--force', '--sign-key', priv);
    expect(r.code, r.stderr).toBe(0);
    const records = readdirSync(path.join(d, 'history')).filter((x) => x.startsWith('verify-'));
    expect(records).toHaveLength(1);
    const record = JSON.parse(readFileSync(path.join(d, 'history', records[0]), 'utf8'));
    expect(record).toMatchObject({ ok: false, command: 'report', changed: [expect.objectContaining({ path: 'findings.json' })] });
    const m = JSON.parse(readFileSync(path.join(d, 'manifest.json'), 'utf8'));
    expect(m.reissued).toMatchObject({ over: 'unverified', by: 'report', record: `history/${records[0]}` });
    expect(m.files.map((x: { path: string }) => x.path)).toContain(`history/${records[0]}`);
    const v = await runMain('verify', d, '--pub-key', pub);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^REISSUED: report re-issued this manifest .* over a bundle that did not verify/m);
    expect(v.stdout).toMatch(/signature valid/);
    // The mark is signed: removing it breaks the signature.
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ ...m, reissued: undefined }, null, 2));
    expect((await runMain('verify', d, '--pub-key', pub)).stdout).toMatch(/SIGNATURE INVALID/);
    writeFileSync(path.join(d, 'manifest.json'), JSON.stringify(m, null, 2));
    // A later clean re-issue keeps it.
    expect((await runMain('analyze', d)).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(d, 'manifest.json'), 'utf8')).reissued).toMatchObject({ record: `history/${records[0]}` });
  });
});

describe('stay inside: links, FIFOs and devices in a bundle', () => {
  for (const sub of ['repro', 'evidence', 'history']) {
    it(`a symlinked ${sub}/: report and analyze refuse (BAD_BUNDLE naming it) and write nothing outside; verify fails`, async () => {
      const d = copy();
      const outside = path.join(tmp, `outside-${sub}-${n}`);
      mkdirSync(outside);
      writeFileSync(path.join(outside, 'keep.txt'), 'keep');
      cpSync(path.join(d, sub), path.join(outside, 'copy'), { recursive: true });
      rmSync(path.join(d, sub), { recursive: true });
      symlinkSync(outside, path.join(d, sub));
      const before = snapshot(outside);
      for (const cmd of ['report', 'analyze']) {
        for (const force of [[], ['--force']]) {
          const r = await runMain(cmd, d, ...force);
          expect(r.code, r.stderr).toBe(EXIT.BAD_INPUT);
          expect(r.stderr).toMatch(new RegExp(`^govapp: BAD_BUNDLE: .*/${sub}: a symbolic link in the bundle; refused`));
        }
      }
      expect(snapshot(outside)).toBe(before);
      expect(readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep');
      const v = await runMain('verify', d);
      expect(v.code).toBe(EXIT.INTEGRITY);
      expect(v.stdout).toMatch(new RegExp(`^unsafe   ${sub} \\(a symbolic link; not followed\\)`, 'm'));
    });
  }

  it('states/<x>.png → /etc/passwd: verify reports it unsafe, never reads it, never says OK', async () => {
    const d = copy();
    const png = readdirSync(path.join(d, 'states')).find((f) => f.endsWith('.png'))!;
    rmSync(path.join(d, 'states', png));
    symlinkSync('/etc/passwd', path.join(d, 'states', png));
    const v = await runMain('verify', d, '--json');
    expect(v.code).toBe(EXIT.INTEGRITY);
    const j = JSON.parse(v.stdout);
    expect(j.ok).toBe(false);
    expect(j.special).toEqual([{ path: `states/${png}`, kind: 'a symbolic link' }]);
    expect(j.changed).toEqual([]);
    expect(v.stdout).not.toContain('root:');
  });

  it('a FIFO in the bundle: verify (a real process) reports it and ends at once; report refuses', async () => {
    const d = copy();
    const fifo = path.join(d, 'logs', 'crawl.log');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const v = await runCli(['verify', d], { timeoutMs: 30_000 });
    expect(v.code, 'verify must not hang on a FIFO').toBe(EXIT.INTEGRITY);
    expect(v.stdout).toMatch(/^unsafe {3}logs\/crawl\.log \(a FIFO \(named pipe\); not followed\)/m);
    expect(v.stdout).toMatch(/^FAILED: /m);
    const r = await runCli(['report', d], { timeoutMs: 30_000 });
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toMatch(/BAD_BUNDLE: .*logs\/crawl\.log: a FIFO/);
    const z = await runCli(['verify', fifo], { timeoutMs: 30_000 });
    expect(z.code).toBe(EXIT.BAD_INPUT);
    expect(z.stderr).toMatch(/BAD_BUNDLE: .*a FIFO/);
  });
});

describe('stay inside: hostile zips', () => {
  async function bundleZipEntries(): Promise<Record<string, Uint8Array>> {
    const z = path.join(tmp, `ok-${n++}.zip`);
    await packBundle(sealed, z);
    expect((await runMain('verify', z)).code).toBe(0);
    return unzipSync(readFileSync(z));
  }
  const stored = (name: string, data: Uint8Array): CraftEntry => ({ name, stored: Buffer.from(data) });

  it('two findings.json entries: refused (unzip lists both; we never pick one)', async () => {
    const entries = await bundleZipEntries();
    const forged = Buffer.from(new TextDecoder().decode(entries['findings.json']).replace(/"verdict": "fail"/g, '"verdict": "pass"'));
    const z = path.join(tmp, 'dup.zip');
    writeFileSync(z, craftZip([...Object.entries(entries).map(([k, v]) => stored(k, v)), stored('findings.json', forged)]));
    expect(spawnSync('unzip', ['-l', z]).stdout.toString().match(/ findings\.json\n/g)).toHaveLength(2);
    const r = await runMain('verify', z);
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toMatch(/^govapp: BAD_BUNDLE: .*dup\.zip: entry "findings\.json" appears twice/);
  });

  it('an entry declared larger than the cap is refused before inflating', async () => {
    const z = path.join(tmp, 'big.zip');
    writeFileSync(z, craftZip([deflated('manifest.json', '{}'), { name: 'logs/bomb.log', stored: deflateRawSync(Buffer.alloc(1024)), method: 8, size: 0xf0000000, crc: 0 }]));
    const r = await runMain('verify', z);
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toMatch(/entry "logs\/bomb\.log" inflates to 4026531840 bytes, more than the \d+ allowed/);
  });

  it('a bomb whose header lies about its size is cut off by the streaming inflater at the declared size', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = deflateRawSync(zeros, { level: 9 });
    expect(bomb.length).toBeLessThan(zeros.length / 500);
    const entries = await bundleZipEntries();
    const z = path.join(tmp, 'liar.zip');
    writeFileSync(z, craftZip([...Object.entries(entries).map(([k, v]) => stored(k, v)).filter((e) => e.name !== 'logs/crawl.log'), { name: 'logs/crawl.log', stored: bomb, method: 8, size: 1000, crc: 0 }]));
    const r = await runMain('verify', z);
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toMatch(/entry "logs\/crawl\.log" inflates beyond its declared 1000 bytes \(a zip bomb\?\); refused/);
  });

  it('memory stays bounded: a 1 MB zip holding a 384 MiB entry verifies with a small, constant RSS', () => {
    const size = 384 * 1024 * 1024;
    const zeros = Buffer.alloc(size);
    const sha = createHash('sha256').update(zeros);
    const crc = crc32(zeros);
    const data = deflateRawSync(zeros, { level: 9 });
    const manifest = { format: 'manifest/1', tool: { name: 'govapp-inspector', version: 'test' }, rules: {}, app: { package: 'x' }, createdAt: new Date().toISOString(), files: [{ path: 'logs/big.log', sha256: sha.digest('hex'), size }] };
    const z = path.join(tmp, 'bomb.zip');
    writeFileSync(z, craftZip([deflated('manifest.json', JSON.stringify(manifest)), { name: 'logs/big.log', stored: data, method: 8, size, crc }]));
    expect(readFileSync(z).length).toBeLessThan(1024 * 1024);
    const r = spawnSync('/usr/bin/time', ['-f', 'maxrss-kb=%M', process.execPath, path.join(REPO, 'bin/govapp.js'), 'verify', z], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK: /m);
    const rssKb = Number(/maxrss-kb=(\d+)/.exec(r.stderr)![1]);
    // Inflating in memory would need ≥ 384 MiB; streaming stays at the CLI's own footprint.
    expect(rssKb).toBeLessThan(250 * 1024);
  });
});
