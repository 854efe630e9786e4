import { describe, expect, it } from 'vitest';
import { applyKeys, inputRules, isEditable, sanitize } from '../../../drivers/replay/lib/text-input.ts';

describe('text input', () => {
  const rules = inputRules({ input: { unsupported: [['U+20000', 'U+2A6DF'], ['U+E000', 'U+E0FF']], replacement: '?' } });

  it('replaces code points in unsupported ranges, one replacement per code point', () => {
    expect(sanitize('a𠀀b𪛖c𫠠', rules)).toBe('a?b?c𫠠'); // U+2A6D6 inside, U+2B820 outside
    expect(sanitize('\uE000', rules)).toBe('?');
    expect(sanitize('𠀀', inputRules({}))).toBe('𠀀');
  });

  it('applies WebDriver keys: Backspace removes one code point, other special keys are ignored', () => {
    expect(applyKeys('a𠀀', '\uE003')).toBe('a');
    expect(applyKeys('ab', '\uE005c\uE00Dd\uE007')).toBe('c d');
    expect(applyKeys('x', '\uD840')).toBe('x\uD840');
    expect(applyKeys('x\uD840', '\uDC00')).toBe('x𠀀'); // a pair split over two keystrokes joins up
  });

  it('takes text only in EditText classes', () => {
    expect([isEditable('android.widget.EditText'), isEditable('com.google.android.material.textfield.TextInputEditText'), isEditable('android.widget.TextView')]).toEqual([true, true, false]);
  });
});
