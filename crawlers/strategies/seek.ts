import { detectors as registry, type Detector, type SeekEntry } from '../../detectors/index.ts';
import { GovappError } from '../../src/errors.ts';
import type { CandidateAction } from '../actions.ts';
import { hasTerm, hubWeight, labelOf, shortId } from './labels.ts';

/**
 * What the targeted strategy seeks, compiled from the detectors' `meta.seek` entries: a clause
 * gets targeted exploration by declaring what leads to its evidence, without any edit here.
 */
export interface Relevance {
  /** Every seek entry the action's label or id names, with the entry's weight. */
  groups: { id: string; weight: number }[];
  /** Hub weight, when it names a hub. */
  hub?: number;
  /** The best of them (0: nothing relevant). */
  weight: number;
}

interface Matcher {
  entry: SeekEntry;
  /** Resource-id words: each must start a word of the id. */
  ids?: RegExp;
}

export interface SeekPlan {
  /** The entries sought, once each (an entry two detectors share counts once). */
  readonly entries: readonly SeekEntry[];
  /** How each tried action of an entry makes its next one worth less (by entry name). */
  decay(name: string): number;
  /** Relevance of an action to clause evidence: the entries (or hub) it names and the best weight. */
  relevance(a: CandidateAction): Relevance;
}

/** Entries of all detectors, in registry order; one name is one entry (INTERNAL when two differ). */
function entriesOf(detectors: readonly Detector[]): SeekEntry[] {
  const byName = new Map<string, { entry: SeekEntry; from: string }>();
  for (const d of detectors)
    for (const entry of d.meta.seek.entries) {
      const seen = byName.get(entry.name);
      if (seen && seen.entry !== entry)
        throw new GovappError('INTERNAL', `seek entry "${entry.name}" of ${d.meta.id} differs from the one of ${seen.from}: two detectors seeking one kind share one entry object`);
      if (!seen) byName.set(entry.name, { entry, from: d.meta.id });
    }
  return [...byName.values()].map((e) => e.entry);
}

export function seekPlanOf(detectors: readonly Detector[]): SeekPlan {
  const entries = entriesOf(detectors);
  const matchers: Matcher[] = entries.map((entry) => ({ entry, ids: entry.ids?.length ? new RegExp(`(^|_)(${entry.ids.join('|')})`, 'i') : undefined }));
  const decay = new Map(entries.map((e) => [e.name, e.decay]));
  const cache = new WeakMap<CandidateAction, Relevance>();
  return {
    entries,
    decay: (name) => decay.get(name) ?? 1,
    relevance(a) {
      let r = cache.get(a);
      if (r) return r;
      r = { groups: [], weight: 0 };
      if (a.kind === 'tap') {
        const label = labelOf(a);
        const id = shortId(a);
        const named = matchers.filter(({ entry, ids }) => {
          const byText = entry.words.some((t) => hasTerm(label, t));
          const byId = !!(ids && id && ids.test(id));
          return (byText || byId) && !entry.except?.some((t) => label.includes(t));
        });
        const names = new Set(named.map((m) => m.entry.name));
        for (const { entry } of named) if (!entry.yieldsTo?.some((n) => names.has(n))) r.groups.push({ id: entry.name, weight: entry.weight });
        r.hub = hubWeight(label, id);
        r.weight = Math.max(r.hub ?? 0, ...r.groups.map((g) => g.weight));
      }
      cache.set(a, r);
      return r;
    },
  };
}

let registryPlan: SeekPlan | undefined;

/** The seek plan of the detector registry (detectors/index.ts). */
export function registrySeek(): SeekPlan {
  return (registryPlan ??= seekPlanOf(registry));
}
