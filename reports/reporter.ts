import type { ClauseResult, Findings } from '../src/findings/schema.ts';
import type { ObservedAction, ObservedScreen } from '../src/observation.ts';

/**
 * A crawl reporter (STYLE.md §7): every hook is optional; the crawler calls them in order and a
 * hook that throws is logged and skipped, never ending the crawl. One reporter per file under
 * `reports/reporters/`. Hooks may be async; the crawler awaits them one reporter at a time.
 */
export interface CrawlStartInfo {
  bundleDir: string;
  app: { package: string; label?: string; versionName?: string };
  startedAt: string;
}

export interface Reporter {
  readonly name: string;
  onCrawlStart?(info: CrawlStartInfo): void | Promise<void>;
  /** A screen seen for the first time (its files are already in the bundle). */
  onState?(screen: ObservedScreen): void | Promise<void>;
  onAction?(action: ObservedAction): void | Promise<void>;
  onFinding?(finding: ClauseResult): void | Promise<void>;
  /** findings.json is final; write derived files (report, annotations, repro specs). Before the manifest. */
  onCrawlEnd?(bundleDir: string, findings: Findings): void | Promise<void>;
}

export type HookName = Exclude<keyof Reporter, 'name'>;
type HookArgs<K extends HookName> = Parameters<NonNullable<Reporter[K]>>;

/** The part of a pino logger hooks need. */
export interface HookLogger {
  warn(obj: object, msg?: string): void;
}

export interface HookFailure {
  reporter: string;
  hook: HookName;
  error: unknown;
}

/**
 * Calls `hook` on every reporter that has it, in order. A reporter that throws is logged at warn
 * and skipped; the others still run. Returns the failures (empty when all went well).
 */
export async function runHook<K extends HookName>(
  reporters: readonly Reporter[],
  hook: K,
  args: HookArgs<K>,
  log?: HookLogger,
): Promise<HookFailure[]> {
  const failures: HookFailure[] = [];
  for (const r of reporters) {
    const fn = r[hook] as ((...a: HookArgs<K>) => void | Promise<void>) | undefined;
    if (!fn) continue;
    try {
      await fn.apply(r, args);
    } catch (error) {
      failures.push({ reporter: r.name, hook, error });
      log?.warn({ reporter: r.name, hook, err: error }, `reporter ${r.name} failed in ${hook}; skipped`);
    }
  }
  return failures;
}
