import type { CrawlObservation, ObservedScreen } from '../../src/observation.ts';
import { pathLabels, type Flow } from './flows.ts';
import { screenTitle } from './screens.ts';
import { findTerm } from './text.ts';
import { SPECIAL_SCENARIOS } from './vocab.ts';

/** A special scenario (安保、应急、安全巡护…) a finding sits in, and the word that says so. */
export interface ScenarioMatch {
  scenario: string;
  term: string;
  /** The text the word was found in. */
  in: string;
}

/**
 * Texts that tell which business a function on `screen` serves: what the caller passes (the
 * entry itself, a confirmation), the screen's title, the title of the screen a flow led to, and
 * the labels of the taps that led to the screen (nearest first). Not the whole screen: a headline
 * about 应急 elsewhere on a home page says nothing about a check-in button beside it.
 */
export function scenarioContext(obs: CrawlObservation, screen: ObservedScreen, own: string[], flow?: Flow): string[] {
  const title = screenTitle(screen)?.text;
  const target = flow ? screenTitle(flow.to)?.text : undefined;
  return [...own, title, target, ...pathLabels(obs, screen).reverse()].filter((x): x is string => !!x);
}

/** The first special scenario named in the given texts, scanning texts in order. */
export function findScenario(texts: string[]): ScenarioMatch | undefined {
  for (const text of texts)
    for (const { scenario, terms } of SPECIAL_SCENARIOS) {
      const term = findTerm(text, terms);
      if (term) return { scenario, term, in: text };
    }
  return undefined;
}
