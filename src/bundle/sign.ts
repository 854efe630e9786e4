import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { sha256Hex } from './manifest-hash.ts';
import { SIGNATURE_FILE, canonicalManifestBytes, type Manifest } from './manifest-schema.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { readManifest } from './manifest.ts';

/** manifest.sig: an Ed25519 signature over the canonical manifest bytes. */
export interface ManifestSignature {
  format: 'manifest-sig/1';
  algorithm: 'Ed25519';
  /** SHA-256 of the signer's public key (SPKI DER), to tell keys apart. */
  keyId: string;
  /** Base64. */
  signature: string;
}

function pemText(keyOrFile: string, what: string): string {
  if (keyOrFile.includes('-----BEGIN')) return keyOrFile;
  if (!existsSync(keyOrFile)) throw new BadInputError('BAD_ARGUMENT', `${what}: file not found: ${keyOrFile}`);
  return readFileSync(keyOrFile, 'utf8');
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new BadInputError('BAD_ARGUMENT', `${what}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
  return key;
}

/** A PEM private key (PKCS#8), given as text or as a file path. */
export function loadPrivateKey(keyOrFile: string): KeyObject {
  try {
    return requireEd25519(createPrivateKey(pemText(keyOrFile, '--sign-key')), '--sign-key');
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError('BAD_ARGUMENT', `--sign-key: not a PEM private key: ${(e as Error).message}`, { cause: e });
  }
}

/** A PEM public key (SPKI; a private key works too), given as text or as a file path. */
export function loadPublicKey(keyOrFile: string): KeyObject {
  try {
    return requireEd25519(createPublicKey(pemText(keyOrFile, '--pub-key')), '--pub-key');
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError('BAD_ARGUMENT', `--pub-key: not a PEM public key: ${(e as Error).message}`, { cause: e });
  }
}

export function keyId(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256Hex(pub.export({ type: 'spki', format: 'der' }));
}

export function signManifestObject(manifest: Manifest, privateKey: KeyObject): ManifestSignature {
  const signature = sign(null, canonicalManifestBytes(manifest), privateKey).toString('base64');
  return { format: 'manifest-sig/1', algorithm: 'Ed25519', keyId: keyId(privateKey), signature };
}

/** Signs the bundle's manifest.json and writes manifest.sig beside it. */
export async function signManifest(dir: string, keyOrFile: string | KeyObject): Promise<ManifestSignature> {
  const key = typeof keyOrFile === 'string' ? loadPrivateKey(keyOrFile) : keyOrFile;
  const sig = signManifestObject(await readManifest(dir), key);
  writeFileAtomic(path.join(dir, SIGNATURE_FILE), JSON.stringify(sig, null, 2) + '\n');
  return sig;
}

export type SignatureCheck = { ok: true; keyId: string } | { ok: false; reason: string };

/** Checks manifest.sig bytes against the manifest and a public key. Never throws on bad input. */
export function checkSignature(manifest: Manifest, sigBytes: Uint8Array, publicKey: KeyObject): SignatureCheck {
  let sig: Partial<ManifestSignature>;
  try {
    sig = JSON.parse(Buffer.from(sigBytes).toString('utf8'));
  } catch {
    return { ok: false, reason: `${SIGNATURE_FILE} is not valid JSON` };
  }
  if (sig.algorithm !== 'Ed25519' || typeof sig.signature !== 'string') {
    return { ok: false, reason: `${SIGNATURE_FILE}: unsupported algorithm or no signature` };
  }
  const ok = verify(null, canonicalManifestBytes(manifest), publicKey, Buffer.from(sig.signature, 'base64'));
  if (ok) return { ok: true, keyId: keyId(publicKey) };
  const other = sig.keyId && sig.keyId !== keyId(publicKey) ? ` (signed by key ${sig.keyId.slice(0, 16)}…, not this one)` : '';
  return { ok: false, reason: `signature does not match the manifest${other}` };
}
