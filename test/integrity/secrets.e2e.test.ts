import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { secretVariants } from '../../src/secrets.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';

const PASSWORD = 'Demo@2026';

function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const p = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, p)).isDirectory() ? filesUnder(dir, p) : [p];
  });
}

/** Every form the password could take in a file: plain, JSON-escaped, URL-encoded, base64, UTF-16. */
function needles(secret: string): Buffer[] {
  return [...secretVariants(secret).map((v) => Buffer.from(v, 'utf8')), Buffer.from(secret, 'utf16le'), Buffer.from(secret, 'utf16le').swap16()];
}

function leaks(name: string, bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes);
  return needles(PASSWORD).filter((n) => buf.includes(n)).map((n) => `${name}: ${JSON.stringify(n.toString('latin1'))}`);
}

describe('secrets never written', () => {
  it('the needles would find the password where it used to leak (the test can fail)', () => {
    expect(leaks('appium.log', Buffer.from(`--> POST /session/1/element/2/value {"text":"${PASSWORD}"}`))).not.toEqual([]);
    expect(leaks('b64', Buffer.from(`payload ${Buffer.from(PASSWORD).toString('base64')}`))).not.toEqual([]);
    expect(leaks('url', Buffer.from(`?p=${encodeURIComponent(PASSWORD)}`))).not.toEqual([]);
    expect(leaks('utf16', Buffer.from(`x${PASSWORD}y`, 'utf16le'))).not.toEqual([]);
  });

  it('a crawl of office-compliant with credentials (own Appium server, --zip): no file of the bundle or the zip holds the password', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'govapp-secrets-'));
    const cfg = path.join(tmp, 'govapp.yaml');
    writeFileSync(cfg, `apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: ${PASSWORD} }\n`);
    const out = path.join(tmp, 'bundle');
    const zip = path.join(tmp, 'bundle.zip');
    const r = await runCli(['crawl', '--app', sampleApp('office-compliant'), '--out', out, '--config', cfg, '--ocr', 'off', '--zip', zip, '--quiet'], { env: { GOVAPP_LOG_LEVEL: 'debug' }, timeoutMs: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    // The password was really typed: the login went through and Appium logged the typing request.
    const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
    expect(run.login.succeeded).toBe(true);
    const appiumLog = readFileSync(path.join(out, 'logs/appium.log'), 'utf8');
    expect(appiumLog).toMatch(/\/value .*\*\*SECURE\*\*/);
    const found: string[] = [];
    for (const f of filesUnder(out)) found.push(...leaks(f, readFileSync(path.join(out, f))));
    const entries = unzipSync(readFileSync(zip));
    expect(Object.keys(entries)).toContain('logs/appium.log');
    for (const [name, bytes] of Object.entries(entries)) found.push(...leaks(`zip:${name}`, bytes));
    found.push(...leaks('stdout', Buffer.from(r.stdout)), ...leaks('stderr', Buffer.from(r.stderr)));
    expect(found).toEqual([]);
  });
});
