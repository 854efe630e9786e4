import { describe, expect, it } from 'vitest';
import {
  evidenceCurve,
  eventPoints,
  indexObservation,
  isVariant,
  prefixObservation,
  probeSeenAfter,
  screenSeenAfter,
  type Detect,
} from '../../bench/lib/evidence-curve.ts';
import type { ClauseResult } from '../../src/findings/schema.ts';
import type { CrawlObservation, ObservedAction, ObservedScreen, ProbeResult } from '../../src/observation.ts';

const emptySnapshot = { format: 'uiautomator2' as const, width: 1080, height: 2340, rotation: 0, elements: [], roots: [] };

function screen(state: string, firstSeenMs: number, path: number[]): ObservedScreen {
  return { state, screenshot: `states/${state}.png`, source: `states/${state}.xml`, package: 'p', activity: '.A', inApp: true, snapshot: emptySnapshot, texts: [], firstSeenMs, path };
}

function action(seq: number, startedMs: number, from: string, to: string | undefined, kind: ObservedAction['kind'] = 'tap', label = `a${seq}`): ObservedAction {
  return { seq, kind, from, to, label, outcome: to && to !== from ? 'moved' : 'same', startedMs, durationMs: 5 };
}

/**
 * A crawl of 6 actions: s1 at launch; action 1 finds s2, 2 returns, 3 finds s3, 4 finds s4
 * (the evidence screen), 5 returns, 6 relaunches into s1; a variant s3-answer recorded after
 * action 3; a timer probe sampled between actions 4 and 5.
 */
function crawl(): CrawlObservation {
  return {
    app: { package: 'p' },
    screens: [
      screen('s1', 2, []),
      screen('s2', 25, [1]),
      screen('s3', 55, [3]),
      screen('s3-answer', 62, [3]),
      screen('s4', 75, [3, 4]),
    ],
    actions: [
      action(1, 10, 's1', 's2'),
      action(2, 30, 's2', 's1', 'back'),
      action(3, 40, 's1', 's3'),
      action(4, 70, 's3', 's4'),
      action(5, 90, 's4', 's3', 'back'),
      action(6, 100, 's3', 's1', 'relaunch'),
    ],
    probes: [{ kind: 'timer', state: 's4', elementId: 0, bounds: { x1: 0, y1: 0, x2: 1, y2: 1 }, samples: [{ atMs: 80, text: '00:00:01' }, { atMs: 85, text: '00:00:06' }] }],
    stopReason: 'explored',
  };
}

/** Fake detectors: 4.2 passes once s4 is seen, 4.1.3 fails once a timer probe is in, 4.1.1 passes throughout. */
const detect: Detect = (obs) => {
  const has = (s: string) => obs.screens.some((x) => x.state === s);
  const result = (clause: ClauseResult['clause'], verdict: ClauseResult['verdict']): ClauseResult => ({ clause, verdict, summary: '', evidence: [] });
  return [
    result('4.1.1', 'pass'),
    result('4.1.3', obs.probes.some((p) => p.kind === 'timer') ? 'fail' : 'pass'),
    result('4.2', has('s4') ? 'pass' : 'fail'),
  ];
};

describe('evidence curve: which prefix holds what', () => {
  it('a screen counts from the action that first showed it (launch screen from 0, a variant from the action before it)', () => {
    const obs = crawl();
    const at = obs.screens.map((s) => screenSeenAfter(s, obs.actions));
    expect(at).toEqual([0, 1, 3, 3, 4]);
  });

  it('a probe counts from when it was recorded: timer by its samples, a typing probe by its first type action, an AI question by its answer', () => {
    const obs = crawl();
    expect(probeSeenAfter(obs.probes[0], obs.screens, obs.actions)).toBe(4);
    const typed: ObservedAction[] = [...obs.actions.slice(0, 4), { ...action(5, 80, 's4', 's4', 'type'), outcome: 'same' }];
    const encoding: ProbeResult = { kind: 'encoding', state: 's4', bounds: { x1: 0, y1: 0, x2: 1, y2: 1 }, locator: 'id=x', typed: 'x', readBack: 'x' };
    expect(probeSeenAfter(encoding, obs.screens, typed)).toBe(5);
    const ai: ProbeResult = { kind: 'ai-question', state: 's3', question: 'q', answerState: 's3-answer', answered: true };
    expect(probeSeenAfter(ai, obs.screens, obs.actions)).toBe(3);
  });

  it('the prefix after k actions holds the first k actions and what they showed', () => {
    const obs = crawl();
    const index = indexObservation(obs);
    const p3 = prefixObservation(obs, 3, index);
    expect(p3.actions.map((a) => a.seq)).toEqual([1, 2, 3]);
    expect(p3.screens.map((s) => s.state)).toEqual(['s1', 's2', 's3', 's3-answer']);
    expect(p3.probes).toEqual([]);
    expect(p3.stopReason).toBe('budget');
    expect(prefixObservation(obs, 6, index).stopReason).toBe('explored');
    expect(prefixObservation(obs, 4, index).probes).toHaveLength(1);
  });

  it('variants of a screen are not states of their own', () => {
    const obs = crawl();
    expect(obs.screens.filter((s) => isVariant(s, obs.screens)).map((s) => s.state)).toEqual(['s3-answer']);
  });

  it('prefixes are judged only where something new came in (screens, probes, first moves)', () => {
    const obs = crawl();
    const points = eventPoints(obs, indexObservation(obs));
    expect(points).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // A repeated move adds nothing.
    const again: CrawlObservation = { ...obs, actions: [...obs.actions, action(7, 110, 's1', 's2', 'tap', 'a1'), action(8, 120, 's2', 's2', 'tap')] };
    expect(eventPoints(again, indexObservation(again))).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
  });
});

describe('evidence curve: when the verdicts settle', () => {
  it('each clause settles when its evidence arrives; all evidence = the last of them', () => {
    for (const mode of ['exact', 'bisect'] as const) {
      const c = evidenceCurve(crawl(), { detect, mode });
      expect(c.final).toEqual({ '4.1.1': 'pass', '4.1.3': 'fail', '4.2': 'pass' });
      expect(c.settledAt).toEqual({ '4.1.1': 0, '4.1.3': 4, '4.2': 4 });
      expect(c.actionsToAllEvidence).toBe(4);
      expect(c.actions).toBe(6);
    }
  });

  it('exact mode finds a verdict that flips back and forth settled only after its last change', () => {
    let calls = 0;
    const flipping: Detect = (obs) => {
      calls++;
      const n = obs.actions.length;
      return [{ clause: '4.3', verdict: n === 2 || n >= 5 ? 'pass' : 'fail', summary: '', evidence: [] }];
    };
    expect(evidenceCurve(crawl(), { detect: flipping, mode: 'exact' }).settledAt['4.3']).toBe(5);
    expect(calls).toBeGreaterThan(0);
  });

  it('bisect judges fewer prefixes than there are actions on a long crawl', () => {
    const obs = crawl();
    const long: CrawlObservation = { ...obs, actions: Array.from({ length: 200 }, (_, i) => action(i + 1, 10 + i * 10, `s${(i % 4) + 1}`, `s${((i + 1) % 4) + 1}`, 'tap', `a${i % 8}`)) };
    long.screens = obs.screens.map((s, i) => ({ ...s, firstSeenMs: 15 + i * 300, path: [] }));
    long.probes = [];
    let calls = 0;
    const counting: Detect = (o) => {
      calls++;
      return detect(o);
    };
    const c = evidenceCurve(long, { detect: counting });
    expect(c.settledAt['4.2']).toBe(screenSeenAfter(long.screens[4], long.actions));
    expect(calls).toBeLessThan(30);
  });

  it('states covered after k actions, variants left out', () => {
    expect(evidenceCurve(crawl(), { detect }).statesAt).toEqual([1, 2, 2, 3, 4, 4, 4]);
  });

  it('a crawl whose evidence is all on the launch screen needs 0 actions', () => {
    const c = evidenceCurve({ ...crawl(), actions: [], screens: [screen('s4', 1, [])], probes: [] }, { detect });
    expect(c.actionsToAllEvidence).toBe(0);
    expect(c.statesAt).toEqual([1]);
  });
});
