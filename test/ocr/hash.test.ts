import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { dHash, dHashFromGrey, hamming, sha256 } from '../../src/ocr/hash.ts';
import { changedBox, fingerprint, sameText, type Fingerprint } from '../../src/ocr/similar.ts';
import { sampleApp } from '../helpers/paths.ts';

const state = (app: string, name: string) => readFileSync(path.join(sampleApp(app), 'states', `${name}.png`));

/** `png` with an SVG snippet drawn at (left, top). */
const paint = (png: Buffer, svg: string, left: number, top: number) =>
  sharp(png)
    .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${svg}</svg>`), left, top }])
    .png()
    .toBuffer();

describe('hashes (pure parts)', () => {
  it('sha256 is the hex digest of the bytes', () => {
    expect(sha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('dHash sets a bit where a pixel is brighter than its right neighbour', () => {
    // 3 × 2 grey pixels → 2 × 2 bits, row-major, least significant bit first.
    expect([...dHashFromGrey(Uint8Array.from([9, 5, 5, 1, 2, 0]), 2, 2)]).toEqual([0b1001]);
  });

  it('hamming counts differing bits; different lengths never match', () => {
    expect(hamming(Uint8Array.from([0b1010, 0xff]), Uint8Array.from([0b0110, 0xff]))).toBe(2);
    expect(hamming(Uint8Array.from([1]), Uint8Array.from([1, 0]))).toBe(Infinity);
  });

  it('changedBox bounds the changed pixels below the skipped rows', () => {
    const a = { data: new Uint8Array(4 * 4).fill(200), width: 4, height: 4 };
    const b = { ...a, data: Uint8Array.from(a.data) };
    expect(changedBox(a, b, 0, 10)).toBeUndefined();
    b.data[0] = 0; // row 0, skipped
    b.data[2 * 4 + 1] = 0;
    b.data[3 * 4 + 2] = 100;
    expect(changedBox(a, b, 1, 10)).toEqual({ x1: 1, y1: 2, x2: 3, y2: 4 });
    expect(changedBox(a, { ...a, width: 2, height: 8 }, 0, 10)).toBeNull();
  });
});

describe('same screen for OCR (sample screenshots)', () => {
  const login = state('office-compliant', 'login');
  let base: Fingerprint;
  beforeAll(async () => {
    base = await fingerprint(login);
  });

  it('the status-bar clock ticking is the same screen', async () => {
    const ticked = await paint(login, 'width="200" height="60"><rect width="200" height="60" fill="#2070d0"/><text x="18" y="44" font-family="Noto Sans CJK SC" font-size="36" fill="#fff">23:58</text>', 30, 12);
    const fp = await fingerprint(ticked);
    expect(fp.sha).not.toBe(base.sha);
    expect(hamming(fp.dhash, base.dhash)).toBeLessThanOrEqual(2);
    expect(sameText(fp, base)).toBe(true);
  });

  it('a blinking cursor in an input is the same screen', async () => {
    const cursor = await paint(login, 'width="4" height="56"><rect width="4" height="56" fill="#1f6fd0"/>', 330, 690);
    expect(sameText(await fingerprint(cursor), base)).toBe(true);
  });

  it('a changed digit or name is a new screen, though its dHash is close', async () => {
    const digit = await paint(login, 'width="40" height="44"><rect width="40" height="44" fill="#f3f4f6"/><text x="4" y="34" font-family="Noto Sans CJK SC" font-size="32" fill="#888">7</text>', 600, 2226);
    const fp = await fingerprint(digit);
    expect(hamming(fp.dhash, base.dhash)).toBeLessThanOrEqual(10);
    expect(sameText(fp, base)).toBe(false);
    const name = await paint(login, 'width="300" height="60"><rect width="300" height="60" fill="#1f6fd0"/><text x="0" y="44" font-family="Noto Sans CJK SC" font-size="44" fill="#fff">某县水利局</text>', 390, 330);
    expect(sameText(await fingerprint(name), base)).toBe(false);
  });

  it('different screens never match, even of one app and layout', async () => {
    const names = ['login', 'login-error', 'home', 'about', 'docs', 'todo', 'meetings', 'feedback', 'feedback-done'];
    const fps = await Promise.all(names.map((n) => fingerprint(state('office-compliant', n))));
    fps.push(await fingerprint(state('study-portal', 'feedback-done')), await fingerprint(state('river-patrol', 'records')));
    for (let i = 0; i < fps.length; i++) for (let j = i + 1; j < fps.length; j++) expect(sameText(fps[i], fps[j]), `${i} vs ${j}`).toBe(false);
  });

  it('dHash reads PNG bytes and grey images alike', async () => {
    expect(hamming(await dHash(login), base.dhash)).toBeLessThanOrEqual(4);
    expect(await dHash(base.thumb)).toEqual(base.dhash);
  });
});
