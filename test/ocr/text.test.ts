import { describe, expect, it } from 'vitest';
import { commonChars, coverage, editDistance, matchKey, normalizeText, substringDistance } from '../../src/ocr/text.ts';

describe('normalizeText', () => {
  it.each([
    ['备案号：浙ICP备2023001234号-2A', '备案号:浙ICP备2023001234号-2A'],
    ['ＡＢＣ　１２３', 'ABC123'],
    ['市政府办公室  11-20', '市政府办公室11-20'],
    ['你好，世界。', '你好,世界.'],
    ['“一件事”', '"一件事"'],
    ['a\u200bb\tc\n', 'abc'],
  ])('%j → %j', (input, want) => {
    expect(normalizeText(input)).toBe(want);
  });
});

describe('matchKey', () => {
  it('keeps letters and digits only, lower-cased', () => {
    expect(matchKey('备案号：浙ICP备2023001234号-2A')).toBe('备案号浙icp备2023001234号2a');
    expect(matchKey('  —…·  ')).toBe('');
  });
});

describe('character overlap', () => {
  it('counts characters as a multiset', () => {
    expect(commonChars('政府办公室', '市政府办公厅')).toBe(4);
    expect(commonChars('办办办', '办公')).toBe(1);
    expect(coverage('办公', '')).toBe(0);
    expect(coverage('', '办公')).toBe(0);
    expect(coverage('办公室', '室公办')).toBe(1);
  });
});

describe('edit distances', () => {
  it.each([
    ['', '', 0],
    ['登录', '', 2],
    ['登录', '登陆', 1],
    ['关于我们', '关于', 2],
    ['𠀀字', '字', 1],
  ])('editDistance(%j, %j) = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('substringDistance ignores what surrounds the best match', () => {
    expect(substringDistance('办公室', '某市人民政府办公室欢迎您')).toBe(0);
    expect(substringDistance('办公室', '某市人民政府办公宝欢迎您')).toBe(1);
    expect(substringDistance('ICP', '')).toBe(3);
    expect(substringDistance('', 'abc')).toBe(0);
  });
});
