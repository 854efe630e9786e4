import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetector, type Detector } from '../../detectors/define.ts';
import { clauseResultSchema, type Evidence, type Verdict } from '../../src/findings/schema.ts';
import { fromTuple, type BoundsTuple } from '../../src/geometry.ts';
import type { ActionKind, CrawlObservation, ObservedAction, ObservedScreen, OcrBox, ProbeResult } from '../../src/observation.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { FIXTURES } from './paths.ts';

/**
 * A RuleTester for detectors (after ESLint's): `run(detector, { valid, invalid })` builds a
 * CrawlObservation per case from literal page sources (or files under test/fixtures/snapshots/),
 * runs the detector and checks verdict, message id and evidence. Texts come from the real
 * a11y + OCR merge (`mergeTexts`), with OCR boxes given per screen.
 *
 * Strict, as ESLint's RuleTester is: every case declares its message id, and every invalid case
 * its evidence, each item with at least the state and the text (an invalid case that rightly
 * cites nothing says `evidence: []`). A case that omits them makes `run()` throw, naming it.
 */

export interface ScreenInput {
  /** Literal page source (starts with `<`) or a file name under test/fixtures/snapshots/. */
  source: string;
  state?: string;
  package?: string;
  activity?: string;
  ocr?: OcrBox[];
}

export interface ActionInput {
  from: string;
  to?: string;
  kind?: ActionKind;
  label?: string;
  selector?: Record<string, string>;
  bounds?: BoundsTuple;
  detail?: string;
}

export interface CaseInput {
  name?: string;
  app?: { package: string; label?: string };
  /** The first screen is the launch screen. */
  screens: (string | ScreenInput)[];
  actions?: ActionInput[];
  probes?: ProbeResult[];
  options?: unknown;
  /** How the crawl ended and what it covered; default: explored, complete. */
  stopReason?: CrawlObservation['stopReason'];
  coverage?: CrawlObservation['coverage'];
}

export interface ValidCase extends CaseInput {
  /** Default `pass`. */
  verdict?: Verdict;
  /** Required. */
  messageId: string;
}

/** An expected evidence item: state and text always; any other field is checked when given. */
export type EvidenceInput = Partial<Omit<Evidence, 'bounds'>> & { state: string; text: string; bounds?: BoundsTuple };

export interface InvalidCase extends CaseInput {
  verdict: Verdict;
  /** Required. */
  messageId: string;
  /** Required; compared item by item (same count, same order). */
  evidence: EvidenceInput[];
  summary?: string | RegExp;
}

export const TEST_PACKAGE = 'cn.gov.test';

export function loadSource(source: string): string {
  if (source.trimStart().startsWith('<')) return source;
  const file = path.join(FIXTURES, 'snapshots', source);
  if (!existsSync(file)) throw new Error(`no fixture ${file}`);
  return readFileSync(file, 'utf8');
}

/** Launch-to-screen paths: breadth-first over the actions, from the first screen. */
export function pathsFrom(start: string, actions: ObservedAction[]): Map<string, number[]> {
  const paths = new Map<string, number[]>([[start, []]]);
  const queue = [start];
  while (queue.length) {
    const from = queue.shift()!;
    for (const a of actions)
      if (a.from === from && a.to && !paths.has(a.to)) {
        paths.set(a.to, [...paths.get(from)!, a.seq]);
        queue.push(a.to);
      }
  }
  return paths;
}

export function buildObservation(c: CaseInput): CrawlObservation {
  const app = c.app ?? { package: TEST_PACKAGE };
  const inputs = c.screens.map((s, i): ScreenInput & { state: string } => (typeof s === 'string' ? { source: s, state: `s${i}` } : { ...s, state: s.state ?? `s${i}` }));
  const actions: ObservedAction[] = (c.actions ?? []).map((a, i) => ({
    seq: i + 1,
    kind: a.kind ?? 'tap',
    from: a.from,
    to: a.to,
    selector: a.selector,
    label: a.label,
    bounds: a.bounds ? fromTuple(a.bounds) : undefined,
    detail: a.detail,
    outcome: a.to && a.to !== a.from ? 'moved' : 'same',
    startedMs: i * 1000,
    durationMs: 500,
  }));
  const paths = pathsFrom(inputs[0]?.state ?? '', actions);
  const screens = inputs.map((s, i): ObservedScreen => {
    const snapshot = parsePageSource(loadSource(s.source), s.state);
    const pkg = s.package ?? app.package;
    return {
      state: s.state,
      screenshot: `states/${s.state}.png`,
      source: `states/${s.state}.xml`,
      package: pkg,
      activity: s.activity ?? '.MainActivity',
      inApp: pkg === app.package,
      snapshot,
      ocr: s.ocr,
      texts: mergeTexts(snapshot, s.ocr),
      firstSeenMs: i * 1000,
      path: paths.get(s.state) ?? [],
    };
  });
  const coverage = c.coverage ?? { screens: screens.length, actionsTried: actions.length, actionsLeft: 0, refused: 0, walls: [] };
  return { app, screens, actions, probes: c.probes ?? [], stopReason: c.stopReason ?? 'explored', coverage };
}

const title = (kind: string, i: number, c: CaseInput) => `${kind} #${i + 1}${c.name ? `: ${c.name}` : ''}`;

function check(detector: Detector, c: ValidCase | InvalidCase) {
  const { result, messageId } = runDetector(detector, buildObservation(c), c.options);
  expect(() => clauseResultSchema.parse(result)).not.toThrow();
  expect(result.clause).toBe(detector.meta.clause);
  expect(result.summary).not.toMatch(/\{\{|\}\}/);
  return { result, messageId };
}

/** What a case omits that the tester requires (empty when nothing). */
export function omissions(kind: 'valid' | 'invalid', c: Partial<ValidCase & InvalidCase>): string[] {
  const out: string[] = [];
  if (typeof c.messageId !== 'string' || !c.messageId) out.push('messageId');
  if (kind === 'invalid') {
    if (!Array.isArray(c.evidence)) out.push('evidence (write `evidence: []` if it rightly cites nothing)');
    else
      c.evidence.forEach((e, k) => {
        for (const f of ['state', 'text'] as const) if (typeof e?.[f] !== 'string') out.push(`evidence[${k}].${f}`);
      });
  }
  return out;
}

export function run(detector: Detector, tests: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const problems = [
    ...tests.valid.map((c, i) => [title('valid', i, c), omissions('valid', c)] as const),
    ...tests.invalid.map((c, i) => [title('invalid', i, c), omissions('invalid', c)] as const),
  ].filter(([, o]) => o.length);
  if (problems.length) throw new Error(`detector-tester ${detector.meta.id}: cases without what they must declare:\n${problems.map(([t, o]) => `  ${t}: ${o.join(', ')}`).join('\n')}`);
  const known = Object.keys(detector.meta.messages ?? {});
  describe(detector.meta.id, () => {
    tests.valid.forEach((c, i) =>
      it(title('valid', i, c), () => {
        expect(known, 'a message id of the detector').toContain(c.messageId);
        const { result, messageId } = check(detector, c);
        expect(result.verdict, result.summary).toBe(c.verdict ?? 'pass');
        expect(messageId).toBe(c.messageId);
      }),
    );
    tests.invalid.forEach((c, i) =>
      it(title('invalid', i, c), () => {
        expect(known, 'a message id of the detector').toContain(c.messageId);
        const { result, messageId } = check(detector, c);
        expect(result.verdict, result.summary).toBe(c.verdict);
        expect(messageId, result.summary).toBe(c.messageId);
        if (c.summary !== undefined) expect(result.summary).toMatch(c.summary);
        expect(result.evidence.map((e) => `${e.state} ${e.via} ${e.text}`)).toHaveLength(c.evidence.length);
        c.evidence.forEach((want, k) => expect(result.evidence[k]).toMatchObject(want));
      }),
    );
  });
}
