import type { AppGraphTransition } from './appgraph/schema.ts';
import type { SkippedEntry } from './bundle/writer.ts';
import type { ClauseResult, Findings } from './findings/schema.ts';
import type { ObservedAction, ObservedScreen, ProbeResult } from './observation.ts';
import type { Snapshot } from './snapshot/model.ts';

/**
 * The crawl lifecycle (STYLE.md §7): one set of optional hooks that the crawler calls as it goes,
 * and that everything watching a crawl implements — the progress display, the bundle writer, the
 * OCR analysis and the reporters (HTML report, annotations, repro specs, JUnit). Modelled on
 * Playwright's ReporterV2 (all hooks optional, called in order) and WebdriverIO's services (a
 * failing hook is logged and skipped unless the error says the run cannot go on).
 *
 * Order over one crawl: onCrawlStart; then, while exploring, for every screen read: onState (a new
 * screen or variant, its files given) before onArrive (the crawl stands on it); onAction after
 * each action, onRefusal for each control refused, onProbe for each probe result; at the end one
 * onFinding per clause in findings/1 order, then onCrawlEnd. Every hook is awaited, one subscriber
 * at a time, in the order the subscribers were registered.
 */
export interface CrawlStartInfo {
  bundleDir: string;
  app: { package: string; label?: string; versionName?: string };
  startedAt: string;
  /** Action budget and the time budget's end (epoch ms). */
  maxActions: number;
  deadline: number;
}

/** What the end of a crawl knows besides the findings (manifest fields). */
export interface CrawlEndInfo {
  app?: { apkSha256?: string };
  /** The crawl's logger (logs/crawl.log), for what the end writes. */
  log?: HookLogger;
}

type Awaitable = void | Promise<void>;

export interface CrawlSubscriber {
  /** Named in the warning when one of its hooks fails. */
  readonly name: string;
  onCrawlStart?(info: CrawlStartInfo): Awaitable;
  /** A screen recorded for the first time (or a variant: a scrolled view, a settled answer), with its files. */
  onState?(screen: ObservedScreen, files: { source: string; png: Buffer }): Awaitable;
  /** The crawl stands on a screen of the app (new or known), `snapshot` as just read. */
  onArrive?(screen: ObservedScreen, snapshot: Snapshot): Awaitable;
  /** One action taken, and the recorded transition when it took effect. */
  onAction?(action: ObservedAction, transition?: AppGraphTransition): Awaitable;
  /** A control the safety policy refused to touch (skipped.jsonl). */
  onRefusal?(entry: SkippedEntry): Awaitable;
  onProbe?(probe: ProbeResult): Awaitable;
  /** One clause's final verdict, before onCrawlEnd. */
  onFinding?(finding: ClauseResult): Awaitable;
  /** findings.json is final; write derived files (report, annotations, repro specs). Before the manifest. */
  onCrawlEnd?(bundleDir: string, findings: Findings, end?: CrawlEndInfo): Awaitable;
}

export type HookName = Exclude<keyof CrawlSubscriber, 'name'>;
export type HookArgs<K extends HookName> = Parameters<NonNullable<CrawlSubscriber[K]>>;

/** The part of a pino logger hooks need. */
export interface HookLogger {
  warn(obj: object, msg?: string): void;
}

export interface HookFailure {
  subscriber: string;
  hook: HookName;
  error: unknown;
}

/**
 * Errors that are not one subscriber's trouble but the crawl's, and pass through (WebdriverIO's
 * SevereServiceError): the bundle cannot be written, or the run was aborted.
 */
const SEVERE = new Set(['OUT_NOT_WRITABLE', 'ABORTED']);

export function isSevere(e: unknown): boolean {
  return typeof e === 'object' && e !== null && SEVERE.has(String((e as { code?: unknown }).code));
}

/**
 * Calls `hook` on every subscriber that has it, in order, awaiting each. One that throws is
 * logged at warn (subscriber and hook named) and skipped; the others still run. A severe error
 * ({@link isSevere}) is rethrown. Returns the failures (empty when all went well).
 */
export async function runHook<K extends HookName>(subscribers: readonly CrawlSubscriber[], hook: K, args: HookArgs<K>, log?: HookLogger): Promise<HookFailure[]> {
  const failures: HookFailure[] = [];
  for (const s of subscribers) {
    const fn = s[hook] as ((...a: HookArgs<K>) => Awaitable) | undefined;
    if (!fn) continue;
    try {
      await fn.apply(s, args);
    } catch (error) {
      if (isSevere(error)) throw error;
      failures.push({ subscriber: s.name, hook, error });
      log?.warn({ subscriber: s.name, hook, err: error }, `${s.name} failed in ${hook}; skipped`);
    }
  }
  return failures;
}

/** The subscribers of one crawl, with the logger their failures go to. */
export class Lifecycle {
  private readonly subscribers: CrawlSubscriber[];
  /** Every hook failure so far. */
  readonly failures: HookFailure[] = [];

  constructor(subscribers: readonly CrawlSubscriber[], private readonly log?: HookLogger) {
    this.subscribers = [...subscribers];
  }

  /** Adds a subscriber after those registered so far. */
  add(s: CrawlSubscriber): void {
    this.subscribers.push(s);
  }

  async emit<K extends HookName>(hook: K, ...args: HookArgs<K>): Promise<void> {
    this.failures.push(...(await runHook(this.subscribers, hook, args, this.log)));
  }
}
