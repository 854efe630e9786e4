import { describe, expect, it } from 'vitest';
import { PROBE_STRING, chunkUtf16, compareProbe, lengthLimitCut } from '../../src/probes/gb18030.ts';
import { cutUtf16 } from '../../drivers/android-sim/lib/uia2-server.ts';

describe('probe pieces for a length-limited field (UTF-16 units)', () => {
  it('pieces fit the limit, never split a surrogate pair, and join back to the probe', () => {
    for (const max of [2, 3, 7, 11, 19]) {
      const pieces = chunkUtf16(PROBE_STRING, max)!;
      expect(pieces.join('')).toBe(PROBE_STRING);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$/);
      }
    }
    expect(chunkUtf16(PROBE_STRING, 0)).toEqual([PROBE_STRING]);
    expect(chunkUtf16(PROBE_STRING, 40)).toEqual([PROBE_STRING]);
    expect(chunkUtf16(PROBE_STRING, 1)).toBeUndefined();
  });

  it('a cut through a pair (read back as ?) is a length limit, not a replaced character', () => {
    const back = cutUtf16(PROBE_STRING, 11);
    expect(back.endsWith('?')).toBe(true);
    expect(compareProbe(PROBE_STRING, back).intact).toBe(false); // what the probe used to report
    const kept = lengthLimitCut(PROBE_STRING, back)!;
    expect(kept.length).toBe(10);
    expect(PROBE_STRING.startsWith(kept)).toBe(true);
    expect(lengthLimitCut(PROBE_STRING, PROBE_STRING.slice(0, 10))).toBe(PROBE_STRING.slice(0, 10));
  });

  it('a real replacement or loss is not taken for a cut', () => {
    const replaced = Array.from(PROBE_STRING).map((ch) => (ch.length > 1 ? '?' : ch)).join('');
    expect(lengthLimitCut(PROBE_STRING, replaced)).toBeUndefined();
    expect(lengthLimitCut(PROBE_STRING, PROBE_STRING)).toBeUndefined();
    expect(lengthLimitCut(PROBE_STRING, '')).toBeUndefined();
    expect(lengthLimitCut(PROBE_STRING, '?')).toBeUndefined();
  });
});
