import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';
import { firstIssue } from '../zod-errors.ts';
import { hashBundle } from './manifest-hash.ts';
import { MANIFEST_FILE, SIGNATURE_FILE, manifestSchema, type Manifest } from './manifest-schema.ts';

/** What a manifest says besides the file list; every field falls back to run.json, findings.json and app.json. */
export interface ManifestMeta {
  rules?: Manifest['rules'];
  device?: Manifest['device'];
  app?: Partial<Manifest['app']>;
  startedAt?: string;
  finishedAt?: string;
  /** `crawl` (default), `analyze`, `report`. */
  reason?: string;
  /** Re-issued over a bundle that did not verify (`--force`). */
  reissued?: Manifest['reissued'];
}

type Loose = Record<string, any>;

/** Everything of a manifest but its format, creation time and file list. */
export type ManifestHeader = Pick<Manifest, 'tool' | 'rules' | 'device' | 'app' | 'startedAt' | 'finishedAt' | 'reason'>;

function readJson(file: string): Loose | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const clean = <T extends Loose>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * Metadata of a bundle from its own files: run.json (tool and rule versions, device, app, times),
 * then findings.json, then app.json. `meta` wins over all of them.
 */
export function collectManifestMeta(dir: string, meta: ManifestMeta = {}): ManifestHeader {
  const run = readJson(path.join(dir, 'run.json')) ?? {};
  const findings = readJson(path.join(dir, 'findings.json')) ?? {};
  const graph = readJson(path.join(dir, 'app.json')) ?? {};
  const rd: Loose = run.device ?? {};
  const gd: Loose = graph.device ?? {};
  const width = num(rd.width) ?? num(rd.screen?.width) ?? num(gd.width);
  const height = num(rd.height) ?? num(rd.screen?.height) ?? num(gd.height);
  const device = clean({
    model: str(rd.model) ?? str(gd.model),
    androidVersion: str(rd.androidVersion) ?? str(rd.platformVersion) ?? str(gd.platformVersion),
    udid: str(rd.udid),
    screen: width && height ? clean({ width, height, density: num(rd.density) ?? num(rd.screen?.density) ?? num(gd.density) }) : undefined,
  });
  const ra: Loose = run.app ?? {};
  const fa: Loose = findings.app ?? {};
  const ga: Loose = graph.app ?? {};
  const app = clean({
    package: str(meta.app?.package) ?? str(ra.package) ?? str(fa.package) ?? str(ga.package) ?? '',
    label: str(meta.app?.label) ?? str(ra.label) ?? str(fa.label) ?? str(ga.label),
    versionName: str(meta.app?.versionName) ?? str(ra.versionName) ?? str(fa.versionName) ?? str(ga.versionName),
    versionCode: meta.app?.versionCode ?? ra.versionCode ?? ga.versionCode,
    apkSha256: str(meta.app?.apkSha256) ?? str(ra.apkSha256),
  });
  const rules: Record<string, string> = meta.rules ?? run.rules ?? run.ruleVersions ?? {};
  return clean({
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    rules: Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, String(v)])),
    device: meta.device ?? (Object.keys(device).length ? device : undefined),
    app,
    startedAt: meta.startedAt ?? str(run.startedAt) ?? str(findings.run?.startedAt),
    finishedAt: meta.finishedAt ?? str(run.finishedAt) ?? str(findings.run?.finishedAt),
    reason: meta.reason ?? 'crawl',
  });
}

/**
 * Hashes every file of the bundle and writes manifest.json (the last file a crawl writes).
 * Returns the manifest. Does not touch an existing manifest.sig: call {@link archiveManifest} first
 * when rewriting a bundle, and `signManifest` after.
 */
export async function writeManifest(dir: string, meta: ManifestMeta = {}): Promise<Manifest> {
  const manifest: Manifest = {
    format: 'manifest/1',
    ...collectManifestMeta(dir, meta),
    createdAt: new Date().toISOString(),
    files: await hashBundle(dir),
    ...(meta.reissued ? { reissued: meta.reissued } : {}),
  };
  writeFileAtomic(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Parses manifest bytes, throwing BAD_BUNDLE naming `where` and the field. */
export function parseManifest(bytes: Uint8Array | string, where: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new BadInputError('BAD_BUNDLE', `${where}: not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BadInputError('BAD_BUNDLE', firstIssue(where, parsed.error));
  return parsed.data;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BadInputError('BAD_BUNDLE', `${file}: missing (not an evidence bundle, or the crawl did not finish)`);
  return parseManifest(await readFile(file), file);
}

/**
 * Before a bundle is rewritten (analyze, report): moves manifest.json (and manifest.sig) to
 * `history/manifest-<createdAt>.json` (`.sig`), so earlier states of the bundle stay provable.
 * Returns the new path of the old manifest, or undefined when there was none.
 */
export async function archiveManifest(dir: string): Promise<string | undefined> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  const old = readJson(file);
  const stamp = (str(old?.createdAt) ?? new Date().toISOString()).replace(/[:.]/g, '-');
  await mkdir(path.join(dir, 'history'), { recursive: true });
  let stem = `manifest-${stamp}`;
  for (let i = 2; existsSync(path.join(dir, 'history', `${stem}.json`)); i++) stem = `manifest-${stamp}-${i}`;
  const dest = path.join(dir, 'history', `${stem}.json`);
  await rename(file, dest);
  const sig = path.join(dir, SIGNATURE_FILE);
  if (existsSync(sig)) await rename(sig, path.join(dir, 'history', `${stem}.sig`));
  return dest;
}
