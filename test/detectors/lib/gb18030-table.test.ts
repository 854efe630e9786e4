import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PROBE_CHARS, PROBE_STRING, codePointLabel, compareProbe, levelOf } from '../../../src/probes/gb18030.ts';

/** GB 18030 four-byte form of a supplementary code point, by the standard's linear mapping. */
function fourBytes(cp: number): number[] {
  let i = cp - 0x10000;
  const b4 = 0x30 + (i % 10);
  i = Math.floor(i / 10);
  const b3 = 0x81 + (i % 126);
  i = Math.floor(i / 126);
  const b2 = 0x30 + (i % 10);
  const b1 = 0x90 + Math.floor(i / 10);
  return [b1, b2, b3, b4];
}

const hex = (b: Uint8Array | number[]) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('GB 18030-2022 probe table', () => {
  it('holds the characters of each level', () => {
    expect(PROBE_CHARS.map((c) => `${codePointLabel(c.cp)}:${c.level}`)).toEqual([
      'U+9FA6:1', 'U+3400:1', 'U+2C317:2', 'U+20164:2',
      'U+20000:3', 'U+20BB7:3', 'U+2A700:3', 'U+2B740:3', 'U+2B820:3', 'U+2CEB0:3', 'U+2F00:3',
    ]);
    expect(Array.from(PROBE_STRING)).toHaveLength(PROBE_CHARS.length);
    expect(PROBE_STRING).toBe('龦㐀𬌗𠅤𠀀𠮷𪜀𫝀𫠠𬺰⼀');
  });

  it.each(PROBE_CHARS.map((c) => [codePointLabel(c.cp), c] as const))('%s round-trips through GB 18030', (_, c) => {
    const bytes = iconv.encode(c.ch, 'gb18030');
    expect(iconv.decode(bytes, 'gb18030')).toBe(c.ch);
    if (c.cp > 0xffff) {
      expect(bytes).toHaveLength(4);
      expect(hex(bytes)).toBe(hex(fourBytes(c.cp)));
    }
  });

  it('encodes known byte sequences', () => {
    expect(hex(iconv.encode('𠀀', 'gb18030'))).toBe('95 32 82 36');
    expect(hex(iconv.encode('𠮷', 'gb18030'))).toBe('95 34 b2 35');
    expect(hex(iconv.encode('龦', 'gb18030'))).toBe('82 35 8f 33');
    expect(hex(iconv.encode('㐀', 'gb18030'))).toBe('81 39 ee 39');
    expect(hex(iconv.encode('⼀', 'gb18030'))).toBe('81 39 8b 32');
  });

  it('levelOf knows the probe characters and approximates others', () => {
    for (const c of PROBE_CHARS) expect(levelOf(c.ch)).toBe(c.level);
    expect(levelOf('中')).toBe(1);
    expect(levelOf('A')).toBe(1);
    expect(levelOf(String.fromCodePoint(0x2f08))).toBe(3);
    expect(levelOf(String.fromCodePoint(0x30000))).toBe(3);
  });
});

describe('compareProbe', () => {
  it('is intact when everything comes back', () => {
    expect(compareProbe(PROBE_STRING, PROBE_STRING)).toEqual({ intact: true, lost: [], replaced: [] });
  });

  it('iterates code points: a replaced supplementary character is one issue', () => {
    const readBack = Array.from(PROBE_STRING).map((ch) => (ch.codePointAt(0)! > 0xffff ? '?' : ch)).join('');
    const r = compareProbe(PROBE_STRING, readBack);
    expect(r.intact).toBe(false);
    expect(r.lost).toEqual([]);
    expect(r.replaced.map((c) => `${codePointLabel(c.cp)}:${c.level}:${c.by}`)).toEqual([
      'U+2C317:2:?', 'U+20164:2:?', 'U+20000:3:?', 'U+20BB7:3:?', 'U+2A700:3:?', 'U+2B740:3:?', 'U+2B820:3:?', 'U+2CEB0:3:?',
    ]);
  });

  it('tells lost characters from replaced ones', () => {
    const r = compareProbe('龦𠀀㐀⼀', '龦㐀');
    expect(r.replaced).toEqual([]);
    expect(r.lost.map((c) => c.ch)).toEqual(['𠀀', '⼀']);
  });

  it('pairs a broken surrogate pair with the character it replaced', () => {
    const r = compareProbe('a𠮷b', 'a??b');
    expect(r.lost).toEqual([]);
    expect(r.replaced).toEqual([{ ch: '𠮷', cp: 0x20bb7, level: 3, by: '??' }]);
  });

  it('ignores extra characters the field added', () => {
    expect(compareProbe('𠀀', ' 𠀀 ').intact).toBe(true);
  });
});
