import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import { runDetectors, withholdAbsence } from '../../detectors/run.ts';
import { CLAUSES, type ClauseResult, type Coverage } from '../../src/findings/schema.ts';
import type { CrawlObservation, ProbeResult } from '../../src/observation.ts';
import { PROBE_STRING } from '../../src/probes/gb18030.ts';
import { graphObservation } from '../helpers/graph-observation.ts';
import { FIXTURES, sampleApp } from '../helpers/paths.ts';

/**
 * Every detector on a partial crawl (findings.md "Absence needs coverage"): the same observation
 * judged as a complete crawl and as one cut short — by the budget, by a login wall, by a loop,
 * or recorded before coverage existed. Evidence- and probe-based verdicts stand; absence-based
 * ones become `unknown`, saying what was seen and why the rest was not.
 */

/** office-compliant as fully explored, with an encoding probe on its feedback form. */
function probed(readBack: string): CrawlObservation {
  const obs = graphObservation(sampleApp('office-compliant')).obs;
  const probe: ProbeResult = { kind: 'encoding', state: 'feedback', bounds: { x1: 60, y1: 338, x2: 1020, y2: 698 }, locator: 'id=cn.gov.example.office:id/et_content', typed: PROBE_STRING, readBack };
  return { ...obs, probes: [probe] };
}

const SOURCES: Record<string, () => CrawlObservation> = {
  'study-portal': () => graphObservation(sampleApp('study-portal')).obs,
  'office-compliant': () => graphObservation(sampleApp('office-compliant')).obs,
  'river-patrol': () => graphObservation(sampleApp('river-patrol')).obs,
  'long-lists': () => graphObservation(path.join(FIXTURES, 'apps/long-lists')).obs,
  'work-proof': () => graphObservation(path.join(FIXTURES, 'apps/work-proof')).obs,
  'probe intact': () => probed(PROBE_STRING),
  'probe broken': () => probed(PROBE_STRING.replace(/[\u{10000}-\u{10FFFF}]/gu, '?')),
};

const cut = (obs: CrawlObservation, stopReason: CrawlObservation['stopReason'], coverage: Partial<Coverage> | undefined): CrawlObservation => ({
  ...obs,
  stopReason,
  coverage: coverage && { screens: obs.screens.length, actionsTried: obs.actions.length, actionsLeft: 0, refused: 0, walls: [], ...coverage },
});

const PARTIAL: Record<string, { cut: (o: CrawlObservation) => CrawlObservation; says: RegExp }> = {
  budget: { cut: (o) => cut(o, 'budget', { actionsLeft: 12 }), says: /^预算耗尽，尚有12个操作未尝试，已遍历\d+个页面；/ },
  'login wall': {
    cut: (o) => cut(o, 'blocked', { walls: [{ state: 's1', kind: 'login', text: '登录', reason: 'no-credentials' }] }),
    says: /^登录后页面未能进入（未配置账号，界面 s1“登录”），已遍历\d+个页面；/,
  },
  'loop wall': { cut: (o) => cut(o, 'blocked', { walls: [{ state: 's4', kind: 'loop', text: '扫码核验' }] }), says: /进入界面 s4“扫码核验”时陷入无进展的循环/ },
  'error': { cut: (o) => cut(o, 'error', { actionsLeft: 3 }), says: /^爬取中断，尚有3个操作未尝试/ },
  'no coverage recorded': { cut: (o) => cut(o, 'explored', undefined), says: /^证据包未记录遍历覆盖情况（已遍历完毕），无法判断未发现的内容是否真的不存在；/ },
};

const complete = Object.fromEntries(Object.entries(SOURCES).map(([k, f]) => [k, runDetectors(f())])) as Record<string, ClauseResult[]>;

describe('every detector on a partial crawl', () => {
  for (const [source, make] of Object.entries(SOURCES))
    for (const [how, p] of Object.entries(PARTIAL))
      it(`${source}, ${how}`, () => {
        const partial = runDetectors(p.cut(make()));
        for (const [i, full] of complete[source].entries()) {
          const got = partial[i];
          expect(got.clause).toBe(full.clause);
          expect(got.basis, full.clause).toBe(full.basis);
          if (full.basis === 'absence' && full.verdict !== 'unknown') {
            expect(got.verdict, `${full.clause}: ${got.summary}`).toBe('unknown');
            expect(got.summary).toMatch(p.says);
            // What the detector would have said is kept, in the summary and as `withheld`.
            expect(got.summary).toContain(full.summary);
            expect(got.withheld).toBe(full.verdict);
          } else {
            expect(got, full.clause).toEqual(full);
          }
        }
      });

  it('the table holds, for every registered detector, a verdict that stands and one that is withheld', () => {
    const all = Object.values(complete).flat();
    for (const d of detectors) {
      const mine = all.filter((r) => r.clause === d.meta.clause && r.verdict !== 'unknown');
      expect(mine.some((r) => r.basis === 'evidence' || r.basis === 'probe'), `${d.meta.id}: no evidence-based row`).toBe(true);
      // 4.4 rests on its probe alone: no verdict of it is absence-based.
      if (d.meta.clause !== '4.4') expect(mine.some((r) => r.basis === 'absence'), `${d.meta.id}: no absence-based row`).toBe(true);
    }
    expect(new Set(all.map((r) => r.clause))).toEqual(new Set(CLAUSES));
  });

  it('a complete crawl (explored, no wall) keeps every verdict; raw mode never withholds', () => {
    const obs = SOURCES['office-compliant']();
    expect(withholdAbsence(complete['office-compliant'], obs)).toEqual(complete['office-compliant']);
    expect(runDetectors(cut(obs, 'budget', {}), {}, { absence: 'raw' })).toEqual(complete['office-compliant']);
  });

  it('explored with a wall left is still partial', () => {
    const r = runDetectors(cut(SOURCES['office-compliant'](), 'explored', { walls: [{ state: 's2', kind: 'unreachable' }] }));
    expect(r.find((c) => c.clause === '4.1.1')).toMatchObject({ verdict: 'unknown', basis: 'absence' });
    expect(r.find((c) => c.clause === '4.1.1')!.summary).toMatch(/^界面 s2多次尝试后仍未能进入，已遍历\d+个页面；/);
  });

  it('a cut-off unit name or filing number is absence-based (the full one may be on a screen not seen)', () => {
    expect(detectors.find((d) => d.meta.id === 'unit-name')!.meta.basis).toMatchObject({ truncated: 'absence' });
    expect(detectors.find((d) => d.meta.id === 'filing-number')!.meta.basis).toMatchObject({ cutOff: 'absence' });
  });
});
