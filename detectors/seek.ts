import { GovappError } from '../src/errors.ts';
import type { ProbeResult } from '../src/observation.ts';

/**
 * What the crawler should look for on a clause's behalf (a detector's `meta.seek`), as an ESLint
 * rule's `meta` tells the linter what it needs: the controls likely to lead to the clause's
 * evidence, and the probes that produce evidence no screen shows by itself. The targeted strategy
 * and the probe list are derived from the registry's seek declarations (crawlers/strategies/seek.ts,
 * crawlers/probes/index.ts); nothing in crawlers/ names a clause's words.
 */
export interface DetectorSeek {
  /** Kinds of control worth tapping early for this clause (none: general exploration finds its evidence). */
  entries: readonly SeekEntry[];
  /** Probes this clause's verdict needs, with what each needs to know from the clause. */
  probes?: readonly SeekProbe[];
}

export interface SeekEntry {
  /**
   * Names the kind across the registry (`about`, `complaint`): the strategy counts tried actions
   * per name. Two detectors that seek the same kind share one entry object (detectors/lib/*).
   */
  name: string;
  /** Value of tapping such a control, in the strategy's units (a plain entry is worth 1.5, a hub 4–8). */
  weight: number;
  /**
   * Words of its label (text, content-desc, the texts inside it): Chinese words anywhere in the
   * label, Latin ones (AI, DeepSeek) as whole words.
   */
  words: readonly string[];
  /**
   * Resource-id words (regular-expression fragments, the part after `:id/`): each must start a
   * word of the id (`row_points`, `tab_study`; not `appointment`, `permission`).
   */
  ids?: readonly string[];
  /** A label containing one of these does not name this kind (上报 is no complaint channel, 水质排名 no user ranking). */
  except?: readonly string[];
  /** A control that also names one of these kinds is theirs alone (智能客服 is an AI service first, not a complaint channel). */
  yieldsTo?: readonly string[];
  /** Each tried control of this kind multiplies the next one's weight by this (0–1]: how soon the evidence is probably in. */
  decay: number;
}

/** Probes by the kind of result they record (`ProbeResult['kind']`). */
export type ProbeName = ProbeResult['kind'];

/** What each probe needs to know from the clauses that ask for it. */
export interface ProbeNeeds {
  /** 4.1.3: which texts show a duration-like value worth sampling twice. */
  timer: { isCounter(text: string): boolean };
  /** 4.4: nothing: any safe text field will do. */
  encoding: Record<never, never>;
  /** 7.3: words that, shown on a screen, make it the screen of an AI service to ask. */
  'ai-question': { serviceWords: readonly string[] };
}

export type SeekProbe = { [K in ProbeName]: { probe: K } & ProbeNeeds[K] }[ProbeName];

/** Checks a detector's seek declaration; INTERNAL naming the detector and the field. */
export function checkSeek(detectorId: string, seek: DetectorSeek): void {
  const bad = (field: string, why: string) => new GovappError('INTERNAL', `detector ${detectorId}: meta.seek.${field}: ${why}`);
  const names = new Set<string>();
  for (const [i, e] of seek.entries.entries()) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.name)) throw bad(`entries[${i}].name`, `"${e.name}" is not kebab-case`);
    if (names.has(e.name)) throw bad(`entries[${i}].name`, `"${e.name}" is declared twice`);
    names.add(e.name);
    if (!(e.weight > 0)) throw bad(`entries[${i}].weight`, 'must be positive');
    if (!(e.decay > 0 && e.decay <= 1)) throw bad(`entries[${i}].decay`, 'must be in (0, 1]');
    if (!e.words.length && !e.ids?.length) throw bad(`entries[${i}]`, 'names neither words nor ids');
    for (const id of e.ids ?? [])
      try {
        new RegExp(id);
      } catch {
        throw bad(`entries[${i}].ids`, `"${id}" is not a regular expression`);
      }
  }
  const probes = seek.probes?.map((p) => p.probe) ?? [];
  if (new Set(probes).size !== probes.length) throw bad('probes', 'a probe is requested twice');
}
