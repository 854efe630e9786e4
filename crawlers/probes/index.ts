import type { Detector, ProbeName, ProbeNeeds, SeekProbe } from '../../detectors/index.ts';
import type { GovappConfig } from '../../src/config/schema.ts';
import type { TaskProvider } from '../explorer.ts';
import { AiQuestionProbe } from './ai.ts';
import { EncodingProbe } from './encoding.ts';
import { TimerProbe } from './timer.ts';

/**
 * The probes, registered by name (the kind of result each records). A crawl runs the probes
 * that some detector asks for in its `meta.seek.probes`, each told what those detectors need
 * (which texts are counters, which words name an AI service): the crawler knows no clause words.
 */
interface ProbeEntry<K extends ProbeName> {
  /** Types into fields or sends something: not run in observe-only mode (`--safety strict`). */
  interacts: boolean;
  create(needs: readonly ProbeNeeds[K][], config: GovappConfig['probes']): TaskProvider;
}

export const PROBES: { readonly [K in ProbeName]: ProbeEntry<K> } = {
  timer: {
    interacts: false,
    create: (needs, config) => new TimerProbe(config.timerSeconds, (text) => needs.some((n) => n.isCounter(text))),
  },
  encoding: { interacts: true, create: (_needs, config) => new EncodingProbe(config.encoding) },
  'ai-question': {
    interacts: true,
    create: (needs, config) => new AiQuestionProbe(config.aiQuestion, [...new Set(needs.flatMap((n) => n.serviceWords))]),
  },
};

/** The probes the detectors ask for, in registry order (timer, encoding, ai-question), with what they ask. */
export function probesFor(detectors: readonly Detector[], config: GovappConfig['probes'], opts: { observeOnly: boolean }): TaskProvider[] {
  const requests = detectors.flatMap((d) => d.meta.seek.probes ?? []);
  const out: TaskProvider[] = [];
  for (const name of Object.keys(PROBES) as ProbeName[]) {
    const needs = requests.filter((r): r is Extract<SeekProbe, { probe: typeof name }> => r.probe === name);
    if (!needs.length || (opts.observeOnly && PROBES[name].interacts)) continue;
    out.push(create(name, needs, config));
  }
  return out;
}

function create<K extends ProbeName>(name: K, needs: readonly SeekProbe[], config: GovappConfig['probes']): TaskProvider {
  return PROBES[name].create(needs as unknown as readonly ProbeNeeds[K][], config);
}
