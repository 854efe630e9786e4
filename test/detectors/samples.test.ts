import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetectors } from '../../detectors/run.ts';
import type { ProbeResult } from '../../src/observation.ts';
import { PROBE_STRING } from '../../src/probes/gb18030.ts';
import { graphObservation, simulateTyping, type GraphObservation } from '../helpers/graph-observation.ts';
import { SAMPLE_APPS, sampleApp } from '../helpers/paths.ts';

/** The first element a state's `dynamic` entry rewrites, with the text it would show at `elapsed`. */
function dynamicText(g: GraphObservation, elapsed: string) {
  for (const state of g.loaded.graph.states)
    for (const d of state.dynamic ?? []) {
      const s = g.snapshots.get(state.id);
      const el = s?.elements.find((e) => Object.entries(d.on).every(([k, v]) => e.attrs[k] === v));
      if (el) return { state: state.id, el, text: d.text.replace('{elapsed}', elapsed) };
    }
  throw new Error('no dynamic text');
}

/** A timer probe: the dynamic counter sampled 3 s apart, as the crawler's probe would read it. */
function timerProbe(g: GraphObservation): ProbeResult {
  const a = dynamicText(g, '00:00:01');
  const b = dynamicText(g, '00:00:04');
  return { kind: 'timer', state: a.state, elementId: a.el.id, bounds: a.el.bounds, samples: [{ atMs: 10_000, text: a.text }, { atMs: 13_000, text: b.text }] };
}

/** An encoding probe typed into the first non-login text field reached, read back as the app-graph stores it. */
function encodingProbe(g: GraphObservation): ProbeResult {
  for (const screen of g.obs.screens) {
    const fields = screen.snapshot.elements.filter((e) => /EditText/.test(e.className));
    if (!screen.inApp || !fields.length || fields.some((e) => e.password || /密码/.test(e.hint))) continue;
    const f = fields[0];
    return { kind: 'encoding', state: screen.state, bounds: f.bounds, locator: f.resourceId, typed: PROBE_STRING, readBack: simulateTyping(g.loaded, PROBE_STRING) };
  }
  throw new Error('no safe text field');
}

const PROBES: Record<string, (g: GraphObservation) => ProbeResult[]> = {
  'study-portal': (g) => [timerProbe(g), encodingProbe(g)],
  'office-compliant': (g) => [encodingProbe(g)],
  'river-patrol': () => [],
};

/** 6.d, which the samples' expected.json (../shared) predates: none of them asks for proof-of-work uploads. */
const SIX_D: Record<string, string> = { 'study-portal': 'pass', 'office-compliant': 'pass', 'river-patrol': 'pass' };

describe('sample apps', () => {
  for (const name of SAMPLE_APPS)
    it(`${name}: verdicts match expected.json`, () => {
      const dir = sampleApp(name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { clauses: Record<string, string> };
      expected.clauses['6.d'] ??= SIX_D[name];
      const g = graphObservation(dir);
      g.obs.probes = PROBES[name](g);
      const results = runDetectors(g.obs);
      const got = Object.fromEntries(results.filter((r) => r.clause in expected.clauses).map((r) => [r.clause, r.verdict]));
      const summaries = results.map((r) => `${r.clause} ${r.verdict}: ${r.summary}`).join('\n');
      expect(got, summaries).toEqual(expected.clauses);
      const states = new Set(g.obs.screens.map((s) => s.state));
      for (const r of results) {
        expect(r.summary).not.toMatch(/内部错误/);
        for (const e of r.evidence) expect(states.has(e.state), `${r.clause} cites ${e.state}`).toBe(true);
      }
      // A probe is the strongest evidence where one ran.
      const first = (clause: string) => results.find((r) => r.clause === clause)!.evidence[0]?.via;
      if (g.obs.probes.some((p) => p.kind === 'timer')) expect(first('4.1.3')).toBe('probe');
      if (g.obs.probes.some((p) => p.kind === 'encoding')) expect(first('4.4')).toBe('probe');
    });
});
