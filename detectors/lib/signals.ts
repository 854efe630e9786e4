import type { Signals } from '../../src/findings/schema.ts';
import type { CrawlObservation } from '../../src/observation.ts';
import { deadEnds } from './dead-ends.ts';
import { daysBetween, newestContentDate } from './freshness.ts';
import { permissionRequests } from './permissions.ts';

/**
 * findings/1 `signals`: figures beside the verdicts, each with its evidence — every permission the
 * app asked (when, and the answer), the newest content date against the crawl day, and dead ends
 * with the entry that led there. One pure function of the observation, used by the crawl and by
 * `govapp analyze`, so a recorded bundle gives the same signals as its live crawl.
 */
export interface SignalOptions {
  /** The crawl's day (its start); content older than `staleAfterDays` before it is stale. */
  crawlDate: Date;
  staleAfterDays?: number;
}

/** Content last dated this many days before the crawl marks an app that is no longer kept up. */
export const STALE_AFTER_DAYS = 180;

export function computeSignals(obs: CrawlObservation, opts: SignalOptions): Signals {
  const today = opts.crawlDate.toISOString().slice(0, 10);
  const newest = newestContentDate(obs, today);
  const ageDays = newest ? daysBetween(newest.date, today) : undefined;
  return {
    permissions: permissionRequests(obs).map((p) => ({
      permission: p.permission,
      asked: p.asked,
      state: p.state,
      answer: p.answer,
      ...(p.seq !== undefined ? { seq: p.seq } : {}),
      message: p.message,
    })),
    ...(newest && ageDays !== undefined
      ? { freshness: { newestDate: newest.date, state: newest.screen.state, text: newest.context, crawlDate: today, ageDays, stale: ageDays > (opts.staleAfterDays ?? STALE_AFTER_DAYS) } }
      : {}),
    deadEnds: deadEnds(obs).map((d) => ({
      state: d.screen.state,
      kind: d.kind,
      text: d.text,
      ...(d.entry ? { entry: d.entry.label ?? d.entry.selector?.text ?? d.entry.selector?.['content-desc'] ?? `#${d.entry.seq}`, from: d.entry.from } : {}),
    })),
  };
}
