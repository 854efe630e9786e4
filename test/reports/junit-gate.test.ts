import { readFileSync, rmSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateGate, GATE_EXIT_CODE, parseFailOn } from '../../reports/gate.ts';
import { toJUnit } from '../../reports/junit.ts';
import { readFindings } from '../../reports/bundle-data.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

const dir = writeFakeBundle('river-patrol');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const findings = readFindings(dir);

describe('JUnit XML', () => {
  it('has one test case per clause, <failure> for fail, <skipped> for n/a, the verdict as a property', () => {
    const doc = new DOMParser().parseFromString(toJUnit(findings), 'text/xml');
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    expect(cases).toHaveLength(11);
    const byClause = new Map(cases.map((c) => [c.getAttribute('name')!.split(' ')[0], c]));
    const verdict = (c: string) => Array.from(byClause.get(c)!.getElementsByTagName('property')).find((p) => p.getAttribute('name') === 'verdict')!.getAttribute('value');
    expect(verdict('4.1.1')).toBe('review');
    expect(verdict('5')).toBe('fail');
    expect(byClause.get('5')!.getElementsByTagName('failure')).toHaveLength(1);
    expect(byClause.get('4.1.1')!.getElementsByTagName('failure')).toHaveLength(0);
    expect(byClause.get('7.3')!.getElementsByTagName('skipped')).toHaveLength(1);
    const suite = doc.getElementsByTagName('testsuite')[0];
    expect(suite.getAttribute('failures')).toBe(String(findings.clauses.filter((c) => c.verdict === 'fail').length));
    expect(suite.getAttribute('tests')).toBe('11');
  });

  it('escapes app text and drops characters XML cannot hold', () => {
    const evil = structuredClone(findings);
    evil.clauses[0] = { ...evil.clauses[0], verdict: 'fail', summary: '<x a="1">&\u0001\'</x>', evidence: [{ state: 's', screenshot: 's.png', text: ']]><y/>', via: 'a11y' }] };
    const xml = toJUnit(evil);
    expect(() => new DOMParser({ onError: (l, m) => { if (l !== 'warning') throw new Error(m); } }).parseFromString(xml, 'text/xml')).not.toThrow();
    expect(xml).not.toContain('<x a=');
    expect(xml).not.toContain('<y/>');
    expect(xml).not.toContain('\u0001');
  });
});

describe('--fail-on gate', () => {
  it('trips on fail for `fail`, and on fail/review/unknown for `review`', () => {
    expect(evaluateGate(findings, undefined)).toMatchObject({ tripped: false, exitCode: 0 });
    const f = evaluateGate(findings, 'fail');
    expect(f).toMatchObject({ tripped: true, exitCode: GATE_EXIT_CODE });
    expect(f.offending).toEqual(['4.2 (fail)', '4.3 (fail)', '5 (fail)']);
    const r = evaluateGate(findings, 'review');
    expect(r.offending).toContain('4.1.1 (review)');
    expect(r.offending).toContain('4.4 (unknown)');
    const clean = { clauses: findings.clauses.map((c) => ({ ...c, verdict: 'pass' as const })) };
    expect(evaluateGate(clean, 'review')).toMatchObject({ tripped: false, exitCode: 0 });
  });

  it('`incomplete` trips on a crawl that did not see the whole app, alone or with a verdict level', () => {
    const complete = { ...findings, run: { ...findings.run, coverage: { screens: 9, actionsTried: 50, actionsLeft: 0, refused: 0, walls: [] } } };
    expect(evaluateGate(complete, 'incomplete')).toMatchObject({ tripped: false, exitCode: 0 });
    const walled = { ...complete, run: { ...complete.run, stopReason: 'blocked' as const, coverage: { ...complete.run.coverage, walls: [{ state: 's1', kind: 'login' }] } } };
    expect(evaluateGate(walled, 'incomplete')).toMatchObject({ tripped: true, exitCode: GATE_EXIT_CODE, offending: ['incomplete crawl (stop: blocked, walls: 1)'] });
    const budget = { ...complete, run: { ...complete.run, stopReason: 'budget' as const } };
    expect(evaluateGate(budget, 'incomplete').tripped).toBe(true);
    // A bundle that does not record its coverage cannot claim to be complete.
    const old = { ...findings, run: { ...findings.run, coverage: undefined } };
    expect(evaluateGate(old, 'incomplete').offending).toEqual(['incomplete crawl (stop: explored, walls: not recorded)']);
    expect(evaluateGate(walled, parseFailOn('fail,incomplete')).offending).toEqual(['4.2 (fail)', '4.3 (fail)', '5 (fail)', 'incomplete crawl (stop: blocked, walls: 1)']);
  });

  it('JUnit says whether the crawl was complete, and what it left', () => {
    const prop = (f: typeof findings, name: string) =>
      Array.from(new DOMParser().parseFromString(toJUnit(f), 'text/xml').getElementsByTagName('testsuite')[0].getElementsByTagName('property'))
        .find((p) => p.getAttribute('name') === name)
        ?.getAttribute('value');
    const complete = { ...findings, run: { ...findings.run, coverage: { screens: 9, actionsTried: 50, actionsLeft: 0, refused: 0, walls: [] } } };
    expect(prop(complete, 'run.complete')).toBe('true');
    expect(prop(complete, 'run.incomplete')).toBeUndefined();
    const blocked = { ...complete, run: { ...complete.run, stopReason: 'blocked' as const, coverage: { ...complete.run.coverage, actionsLeft: 4, walls: [{ state: 's1', kind: 'login', reason: 'no-credentials' }] } } };
    expect(prop(blocked, 'run.complete')).toBe('false');
    expect(prop(blocked, 'run.coverage.walls')).toBe('login@s1');
    expect(prop(blocked, 'run.coverage.actionsLeft')).toBe('4');
    expect(prop(blocked, 'run.incomplete')).toMatch(/^遍历不完整：登录后页面未能进入（未配置账号，界面 s1）/);
  });

  it('parses the option', () => {
    expect(parseFailOn('review')).toBe('review');
    expect(parseFailOn('incomplete,fail,incomplete')).toBe('incomplete,fail');
    expect(() => parseFailOn('fail,warn')).toThrow(/--fail-on: expected one of fail, review, incomplete/);
    expect(parseFailOn(undefined)).toBeUndefined();
    expect(() => parseFailOn('warn')).toThrow(/--fail-on/);
  });
});

it('fixture sanity: findings.json is findings/1', () => {
  expect(JSON.parse(readFileSync(`${dir}/findings.json`, 'utf8')).format).toBe('findings/1');
});
