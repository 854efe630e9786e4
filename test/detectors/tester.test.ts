import { describe, expect, it } from 'vitest';
import detector from '../../detectors/no-commerce.ts';
import { omissions, run, type InvalidCase, type ValidCase } from '../helpers/detector-tester.ts';

const SCREEN = '<hierarchy rotation="0" width="1080" height="2340"><node class="android.widget.Button" text="积分商城" clickable="true" bounds="[60,260][1020,380]"/></hierarchy>';

/** The detector tester is strict, as ESLint's RuleTester is: a case that omits what it must declare is refused. */
describe('detector tester', () => {
  it('a valid case without a message id, an invalid one without evidence: run() throws naming both', () => {
    const valid = [{ name: 'no id', screens: [SCREEN] }] as unknown as ValidCase[];
    const invalid = [{ name: 'no evidence', screens: [SCREEN], verdict: 'fail', messageId: 'found' }] as unknown as InvalidCase[];
    expect(() => run(detector, { valid, invalid })).toThrow(/valid #1: no id: messageId\n {2}invalid #1: no evidence: evidence/);
  });

  it('every evidence item names its state and its text', () => {
    expect(omissions('invalid', { messageId: 'found', evidence: [{ text: '积分商城' } as never, { state: 's0' } as never] })).toEqual(['evidence[0].state', 'evidence[1].text']);
    expect(omissions('invalid', { messageId: 'found', evidence: [] })).toEqual([]);
    expect(omissions('invalid', { messageId: 'found', evidence: [{ state: 's0', text: '积分商城' }] })).toEqual([]);
    expect(omissions('valid', { messageId: 'none' })).toEqual([]);
  });
});
