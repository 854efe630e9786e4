import { describe, expect, it } from 'vitest';
import { OcrCache } from '../../src/ocr/cache.ts';
import type { Fingerprint } from '../../src/ocr/similar.ts';

/** A 16×16 grey screen, uniform `level`, with pixel `i` set to `mark` when given. */
function fp(sha: string, level: number, dhashBits: number[] = [], mark?: [number, number]): Fingerprint {
  const data = new Uint8Array(256).fill(level);
  if (mark) data[mark[0]] = mark[1];
  return { sha, dhash: Uint8Array.from(dhashBits.length ? dhashBits : [0, 0]), thumb: { data, width: 16, height: 16 } };
}

describe('OcrCache', () => {
  it('finds the same bytes exactly and a near-identical screen perceptually', () => {
    const cache = new OcrCache<string>({ similarity: { statusBar: 0.1 } });
    cache.set(fp('a', 200), 'A');
    expect(cache.get(fp('a', 0))).toEqual({ value: 'A', match: 'exact' });
    expect(cache.get(fp('b', 200, [], [0, 0]))).toEqual({ value: 'A', match: 'perceptual' }); // change in the status bar row
    expect(cache.get(fp('c', 200, [], [8 * 16 + 8, 0]))).toBeUndefined(); // squat change mid-screen
    expect(cache.get(fp('d', 90))).toBeUndefined();
    expect(cache.get(fp('e', 200, [0xff, 0xff]))).toBeUndefined(); // dHash too far
  });

  it('forgets the least recently used entry first', () => {
    const cache = new OcrCache<string>({ maxEntries: 2 });
    cache.set(fp('a', 10), 'A');
    cache.set(fp('b', 100), 'B');
    cache.get(fp('a', 10));
    cache.set(fp('c', 200), 'C');
    expect(cache.size).toBe(2);
    expect(cache.get(fp('b', 100))).toBeUndefined();
    expect(cache.get(fp('a', 10))?.value).toBe('A');
  });

  it('deletes an entry only while it still holds the failed value', () => {
    const cache = new OcrCache<string>();
    cache.set(fp('a', 10), 'first');
    cache.set(fp('a', 10), 'second');
    cache.delete(fp('a', 10), 'first');
    expect(cache.get(fp('a', 10))?.value).toBe('second');
    cache.delete(fp('a', 10), 'second');
    expect(cache.size).toBe(0);
  });
});
