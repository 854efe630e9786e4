import type { z } from 'zod';
import { GovappError } from '../src/errors.ts';
import { VERDICTS, type Basis, type ClauseId, type ClauseResult, type Evidence, type Verdict } from '../src/findings/schema.ts';
import type { CrawlObservation } from '../src/observation.ts';
import { checkSeek, type DetectorSeek } from './seek.ts';

/**
 * A detector is shaped like an ESLint rule: `meta` (id, clause, title, Chinese message templates,
 * what the crawler should seek on its behalf), zod-typed `options` with defaults, and a pure
 * `detect(app, ctx)` that calls `ctx.report()` exactly once with a verdict, a message id, the
 * template's data and the evidence.
 */
export interface DetectorMeta<M extends string> {
  /** Also the file name: detectors/<id>.ts, test/detectors/<id>.test.ts. */
  id: string;
  clause: ClauseId;
  title: string;
  /** messageId → Chinese summary template with `{{placeholders}}`. */
  messages: Record<M, string>;
  /**
   * What a message's verdict rests on, where the default ({@link inferBasis}) is wrong: a
   * `fail` whose evidence is only a cut-off name still rests on not having found the full one.
   */
  basis?: Partial<Record<M, Basis>>;
  /** What the crawler should look for on this clause's behalf: entries to tap early, probes to run. */
  seek: DetectorSeek;
}

export type MessageData = Record<string, string | number>;

export interface ReportDescriptor<M extends string> {
  verdict: Verdict;
  messageId: M;
  data?: MessageData;
  evidence?: Evidence[];
  /** Overrides `meta.basis` and the default for this one report. */
  basis?: Basis;
}

export interface DetectorContext<O, M extends string> {
  readonly id: string;
  readonly options: O;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Detector<S extends z.ZodType = z.ZodType, M extends string = string> {
  meta: DetectorMeta<M>;
  /** Options schema; every field has a default, so `{}` is valid. */
  options: S;
  detect(app: CrawlObservation, ctx: DetectorContext<z.output<S>, M>): void;
}

export function defineDetector<S extends z.ZodType, M extends string>(detector: Detector<S, M>): Detector<S, M> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(detector.meta.id)) throw new GovappError('INTERNAL', `detector id "${detector.meta.id}" is not kebab-case`);
  if (Object.keys(detector.meta.messages).length === 0) throw new GovappError('INTERNAL', `detector ${detector.meta.id} has no messages`);
  checkSeek(detector.meta.id, detector.meta.seek);
  return Object.freeze(detector);
}

/** Longest evidence list one clause carries; the first items are the strongest. */
export const MAX_EVIDENCE = 10;

/** ESLint-style `{{ name }}` substitution; a placeholder without data is a detector bug. */
export function interpolate(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{([^{}]+?)\}\}/gu, (_, raw: string) => {
    const key = raw.trim();
    if (!(key in data)) throw new GovappError('INTERNAL', `message placeholder {{${key}}} has no data`);
    return String(data[key]);
  });
}

/**
 * The default basis of a verdict (findings.md "Absence needs coverage"): a probe's evidence makes
 * it probe-based, any other evidence evidence-based; a verdict reported with no evidence (a
 * prohibition's pass, a requirement's fail for want of a find, 7.3's n/a) rests on absence.
 */
export function inferBasis(evidence: readonly Evidence[]): Basis {
  if (evidence.some((e) => e.via === 'probe')) return 'probe';
  return evidence.length ? 'evidence' : 'absence';
}

export interface DetectorOutcome {
  result: ClauseResult;
  messageId: string;
  data: MessageData;
}

/** Parses a detector's options (defaults filled in); BAD_CONFIG naming the detector and field. */
export function parseOptions<S extends z.ZodType>(detector: Detector<S, string>, raw: unknown): z.output<S> {
  const parsed = detector.options.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.') || '(options)';
  throw new GovappError('BAD_CONFIG', `detector ${detector.meta.id}: ${field}: ${issue.message}`);
}

/** Runs one detector; throws when it reports an unknown message id, reports twice, or never. */
export function runDetector<S extends z.ZodType, M extends string>(
  detector: Detector<S, M>,
  app: CrawlObservation,
  rawOptions?: unknown,
): DetectorOutcome {
  const { id, clause, messages } = detector.meta;
  let outcome: DetectorOutcome | undefined;
  const ctx: DetectorContext<z.output<S>, M> = {
    id,
    options: parseOptions(detector, rawOptions),
    report({ verdict, messageId, data = {}, evidence = [], basis }) {
      if (outcome) throw new GovappError('INTERNAL', `detector ${id} reported twice`);
      if (!Object.hasOwn(messages, messageId)) throw new GovappError('INTERNAL', `detector ${id} has no message "${messageId}"`);
      if (!VERDICTS.includes(verdict)) throw new GovappError('INTERNAL', `detector ${id} reported unknown verdict "${verdict}"`);
      const summary = interpolate(messages[messageId], data);
      const b = basis ?? detector.meta.basis?.[messageId] ?? inferBasis(evidence);
      outcome = { result: { clause, verdict, summary, evidence: evidence.slice(0, MAX_EVIDENCE), basis: b }, messageId, data };
    },
  };
  detector.detect(app, ctx);
  if (!outcome) throw new GovappError('INTERNAL', `detector ${id} finished without a report`);
  return outcome;
}
