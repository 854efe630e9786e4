import { describe, expect, it } from 'vitest';
import { containsButtonPhrase, DIALOG_BUTTONS, isButton, SKIP_COUNTDOWN_RE } from '../../src/snapshot/dialog-words.ts';

describe('dialog-button words', () => {
  it('match a whole label by kind, whitespace collapsed, Latin case-insensitively', () => {
    expect(isButton('同意并继续', 'agree')).toBe(true);
    expect(isButton(' Not  now ', 'later')).toBe(true);
    expect(isButton('同意', 'decline')).toBe(false);
    expect(isButton('不同意', 'agree')).toBe(false);
    expect(isButton('确定删除', 'confirm')).toBe(false);
    expect(isButton('Cancel', 'close')).toBe(true);
  });

  it("contain Android's while-using phrases in longer labels", () => {
    expect(containsButtonPhrase('Allow only while using the app', 'allowWhileUsing')).toBe(true);
    expect(containsButtonPhrase('仅在使用应用时允许', 'allowWhileUsing')).toBe(true);
    expect(containsButtonPhrase('仅限这一次', 'allowWhileUsing')).toBe(false);
  });

  it('read a skip button with its countdown', () => {
    expect(['跳过 5s', '跳过3秒', '5 跳过'].every((l) => SKIP_COUNTDOWN_RE.test(l))).toBe(true);
    expect(SKIP_COUNTDOWN_RE.test('跳过这一步骤')).toBe(false);
  });

  it('list each word under one kind only', () => {
    const words = Object.values(DIALOG_BUTTONS).flatMap((ws) => ws.map((w) => w.toLowerCase()));
    expect(words.filter((w, i) => words.indexOf(w) !== i)).toEqual([]);
  });
});
