import { archiveManifest, writeManifest, type ManifestMeta } from '../src/bundle/manifest.ts';
import type { Manifest } from '../src/bundle/manifest-schema.ts';
import { loadPrivateKey, signManifest } from '../src/bundle/sign.ts';
import { packBundle } from '../src/bundle/zip.ts';
import { listBundleEntries, specialEntryError } from '../src/bundle/manifest-hash.ts';
import type { Findings } from '../src/findings/schema.ts';
import { renderBundle, type ReporterOptions } from './index.ts';
import type { CrawlSubscriber, HookFailure, HookLogger } from '../src/lifecycle.ts';
import { detectorRuleVersions } from './rules.ts';

export interface FinalizeOptions extends ReporterOptions {
  /** Why the bundle is (re)written: `crawl`, `analyze`, `report`. */
  reason: string;
  /** PEM Ed25519 private key (text or file) to sign the new manifest with. */
  signKey?: string;
  /** Also pack the finished bundle into this zip. */
  zip?: string;
  /** Manifest fields; `rules` default to the registered detectors' versions. */
  meta?: Omit<ManifestMeta, 'reason'>;
  log?: HookLogger;
}

export interface FinalizeResult {
  manifest: Manifest;
  /** Where the previous manifest went (history/), when there was one. */
  archived?: string;
  /** Reporters that failed (logged and skipped). */
  failures: HookFailure[];
}

/**
 * The end of every run that writes a bundle: the previous manifest (if any) goes to history/,
 * the reporters write the report, annotations, repro specs (and JUnit), then the new manifest is
 * written last, signed and packed on request.
 */
export async function finalizeBundle(bundleDir: string, findings: Findings, opts: FinalizeOptions): Promise<FinalizeResult> {
  const key = opts.signKey ? loadPrivateKey(opts.signKey) : undefined; // a bad key fails before anything is touched
  // Nothing is written through a link, a FIFO or a device planted in the bundle (repro/ → elsewhere).
  const { special } = await listBundleEntries(bundleDir);
  if (special.length) throw specialEntryError(bundleDir, special[0]);
  const archived = await archiveManifest(bundleDir);
  const failures = await renderBundle(bundleDir, findings, { pdf: opts.pdf, junit: opts.junit }, opts.log);
  const rules = opts.meta?.rules ?? (await detectorRuleVersions());
  const manifest = await writeManifest(bundleDir, { ...opts.meta, rules, reason: opts.reason });
  if (key) await signManifest(bundleDir, key);
  if (opts.zip) await packBundle(bundleDir, opts.zip);
  return { manifest, archived, failures };
}

/** The finalize step as a subscriber, and what went wrong in it. */
export interface FinalizeReporter extends CrawlSubscriber {
  /** The error that kept the bundle from being finished (no manifest), if any: the caller rethrows it. */
  readonly error: unknown;
}

/**
 * The end of a crawl as a lifecycle subscriber, registered by the top layer (CLI, batch): when
 * findings.json is final, write the report, annotations and repro specs, then the manifest.
 * Reporters that fail are logged (the manifest is still written). When the bundle cannot be
 * finished at all (a link planted in it, the manifest not written) the lifecycle only logs it,
 * so the error is kept in `error` for the caller to end the run with.
 */
export function finalizeReporter(opts: Omit<FinalizeOptions, 'reason'> & { reason?: string }): FinalizeReporter {
  let error: unknown;
  return {
    name: 'finalize',
    get error() {
      return error;
    },
    async onCrawlEnd(bundleDir, findings, end) {
      const app = { ...opts.meta?.app, ...(end?.app?.apkSha256 ? { apkSha256: end.app.apkSha256 } : {}) };
      const log = opts.log ?? end?.log;
      try {
        const { failures } = await finalizeBundle(bundleDir, findings, { reason: 'crawl', ...opts, log, meta: { ...opts.meta, app } });
        if (failures.length) log?.warn({ failures: failures.length }, 'some reports could not be written');
      } catch (e) {
        error = e;
        throw e;
      }
    },
  };
}
