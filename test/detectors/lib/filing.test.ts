import { describe, expect, it } from 'vitest';
import { findFilingNumbers, normalizeFiling } from '../../../detectors/lib/filing.ts';

describe('findFilingNumbers', () => {
  const one = (s: string) => findFilingNumbers(s)[0];

  it('reads app filing numbers', () => {
    expect(one('备案号：苏ICP备2024012345号-1A')).toEqual({ number: '苏ICP备2024012345号-1A', icp: true, app: true, complete: true });
    expect(one('京ICP备05012345号-3A')).toMatchObject({ app: true, complete: true });
  });

  it('reads mini-program (X) and quick-app (K) filings as application filings, a bare website one not', () => {
    expect(one('备案号 京ICP备2023012345号-2X')).toEqual({ number: '京ICP备2023012345号-2X', icp: true, app: true, complete: true });
    expect(one('备案号：京ICP备2023099999号-1K')).toMatchObject({ app: true, complete: true });
    expect(one('京ICP备2023012345号-2')).toMatchObject({ app: false, complete: true });
    expect(one('京ICP备2023012345号-2B')).toMatchObject({ app: false });
  });

  it('tolerates OCR noise and full-width characters', () => {
    expect(one('浙ＩＣＰ备２０２３００１２３４号－２Ａ')).toMatchObject({ number: '浙ICP备2023001234号-2A', complete: true });
    expect(one('浙 ICP 各 2023 001234 号 -2A')).toMatchObject({ number: '浙ICP备2023001234号-2A', complete: true });
    expect(one('粤lCP备2O23001234号-1A')).toMatchObject({ number: '粤ICP备2023001234号-1A', complete: true });
    expect(normalizeFiling('1CP')).toBe('ICP');
  });

  it('marks numbers without the app suffix', () => {
    expect(one('京ICP备05070218号-1')).toMatchObject({ app: false, complete: true });
  });

  it('marks cut-off numbers incomplete', () => {
    expect(one('苏ICP备2024012…')).toMatchObject({ complete: false });
    expect(one('苏ICP备20240号-1A')).toMatchObject({ complete: false });
    expect(one('ICP备2024012345号-1A')).toMatchObject({ complete: false });
  });

  it('reads a labelled number of another shape', () => {
    expect(one('App备案编号：3301000012345A')).toMatchObject({ icp: false, complete: true });
    expect(findFilingNumbers('浙公网安备33010602011771号')).toEqual([]);
    expect(findFilingNumbers('版本 2.3.0')).toEqual([]);
  });
});
