import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeManifest } from '../../src/bundle/manifest.ts';
import { verifyBundle } from '../../src/bundle/manifest-verify.ts';
import { loadPrivateKey, loadPublicKey, signManifest } from '../../src/bundle/sign.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

const pem = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

let dir: string;
const key = pem();
const other = pem();
beforeAll(async () => {
  dir = writeFakeBundle('river-patrol');
  await writeManifest(dir);
  await signManifest(dir, key.priv);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Ed25519 manifest signature', () => {
  it('verifies with the matching public key', async () => {
    const r = await verifyBundle(dir, { publicKey: loadPublicKey(key.pub) });
    expect(r).toMatchObject({ ok: true, signature: 'valid' });
    const sig = JSON.parse(readFileSync(path.join(dir, 'manifest.sig'), 'utf8'));
    expect(sig).toMatchObject({ format: 'manifest-sig/1', algorithm: 'Ed25519' });
  });

  it('reports a signed bundle as unchecked without a key', async () => {
    expect(await verifyBundle(dir)).toMatchObject({ ok: true, signature: 'unchecked' });
  });

  it('rejects another key', async () => {
    const r = await verifyBundle(dir, { publicKey: loadPublicKey(other.pub) });
    expect(r).toMatchObject({ ok: false, signature: 'invalid' });
    expect(r.signatureDetail).toMatch(/not this one/);
  });

  it('covers the canonical manifest bytes: re-formatting keeps it valid, editing breaks it', async () => {
    const file = path.join(dir, 'manifest.json');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, JSON.stringify(JSON.parse(original)));
      expect((await verifyBundle(dir, { publicKey: loadPublicKey(key.pub) })).signature).toBe('valid');
      const m = JSON.parse(original);
      m.app.versionName = '9.9.9';
      writeFileSync(file, JSON.stringify(m, null, 2));
      expect((await verifyBundle(dir, { publicKey: loadPublicKey(key.pub) })).signature).toBe('invalid');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails when a key is given but the bundle is not signed', async () => {
    const sigFile = path.join(dir, 'manifest.sig');
    const sig = readFileSync(sigFile);
    unlinkSync(sigFile);
    try {
      expect(await verifyBundle(dir, { publicKey: loadPublicKey(key.pub) })).toMatchObject({ ok: false, signature: 'missing' });
    } finally {
      writeFileSync(sigFile, sig);
    }
  });

  it('refuses keys that are not Ed25519 PEM', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadPrivateKey(rsa)).toThrow(/Ed25519/);
    expect(() => loadPublicKey('/nonexistent.pem')).toThrow(/not found/);
    expect(() => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----')).toThrow(/BAD_ARGUMENT|PEM/);
  });
});
