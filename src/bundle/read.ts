import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { STOP_REASONS, coverageSchema, type Coverage, type StopReason } from '../findings/schema.ts';
import { fromTuple, type Rect } from '../geometry.ts';
import type { CrawlObservation, ObservedAction, ObservedScreen, OcrBox, ProbeResult, ReadStepShot } from '../observation.ts';
import { mergeTexts } from '../ocr/merge.ts';
import { parsePageSourceBytes } from '../snapshot/parse.ts';

/**
 * Rebuilds what a crawl saw from its evidence bundle (docs/bundle.md), without a device: the inverse
 * of the bundle layout, so `govapp analyze` can run today's detectors on yesterday's evidence.
 * Screen texts are merged exactly as the crawler merges them (src/ocr/merge.ts).
 * Required: app.json or screens.json, and the page source of every screen. Optional: crawl.jsonl,
 * probes.json, OCR files, run.json, findings.json.
 */
type Loose = Record<string, any>;

/** A bundle's JSON file by relative path; undefined when absent; BAD_BUNDLE naming the file when not JSON. */
export function readBundleJson(dir: string, rel: string): any {
  const file = path.join(dir, rel);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BadInputError('BAD_BUNDLE', `${file}: not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

/** `[x1,y1,x2,y2]` or `{x1,y1,x2,y2}` → Rect. */
export function toRect(b: unknown): Rect | undefined {
  if (Array.isArray(b) && b.length === 4 && b.every((n) => typeof n === 'number')) return fromTuple(b as [number, number, number, number]);
  if (b && typeof b === 'object' && ['x1', 'y1', 'x2', 'y2'].every((k) => typeof (b as Loose)[k] === 'number')) {
    const r = b as Rect;
    return { x1: r.x1, y1: r.y1, x2: r.x2, y2: r.y2 };
  }
  return undefined;
}

/** Actions from crawl.jsonl; a torn last line (crash mid-write) is dropped, any other bad line is an error. */
export function readActions(dir: string): ObservedAction[] {
  const file = path.join(dir, 'crawl.jsonl');
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const last = lines.map((l) => l.trim() !== '').lastIndexOf(true);
  const out: ObservedAction[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let a: Loose;
    try {
      a = JSON.parse(line);
    } catch (e) {
      if (i === last) return;
      throw new BadInputError('BAD_BUNDLE', `${file}:${i + 1}: not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    const bounds = toRect(a.bounds);
    out.push({ ...a, ...(bounds ? { bounds } : {}) } as ObservedAction);
  });
  return out;
}

function readOcr(dir: string, screen: { state: string; source: string }): OcrBox[] | undefined {
  const candidates = [`states/${screen.state}.ocr.json`, screen.source.replace(/\.xml$/, '.ocr.json')];
  for (const rel of candidates) {
    const raw = readBundleJson(dir, rel);
    if (!Array.isArray(raw)) continue;
    return raw.flatMap((b) => {
      const bounds = toRect(b?.bounds);
      return bounds && typeof b.text === 'string' ? [{ text: b.text, bounds, confidence: Number(b.confidence ?? 0) }] : [];
    });
  }
  return undefined;
}

/** The crawl observation recorded in a bundle directory. Throws BAD_BUNDLE naming the file at fault. */
export function readObservation(bundleDir: string): CrawlObservation {
  const dir = path.resolve(bundleDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BadInputError('BAD_BUNDLE', `${dir}: not a directory`);
  const graph = readBundleJson(dir, 'app.json') as Loose | undefined;
  const run = (readBundleJson(dir, 'run.json') as Loose | undefined) ?? {};
  const findings = (readBundleJson(dir, 'findings.json') as Loose | undefined) ?? {};
  const appInfo: Loose = findings.app ?? graph?.app ?? run.app;
  if (!appInfo?.package) throw new BadInputError('BAD_BUNDLE', `${dir}: no app package in findings.json, app.json or run.json`);
  const pkg: string = appInfo.package;

  let entries = readBundleJson(dir, 'screens.json') as Loose[] | undefined;
  if (entries !== undefined && !Array.isArray(entries)) throw new BadInputError('BAD_BUNDLE', `${path.join(dir, 'screens.json')}: expected an array`);
  if (!entries) {
    if (!graph || !Array.isArray(graph.states)) throw new BadInputError('BAD_BUNDLE', `${dir}: neither screens.json nor app.json lists the screens`);
    entries = graph.states.map((s: Loose) => ({ state: s.id, source: s.source, screenshot: s.screenshot, package: s.package ?? pkg, activity: s.activity ?? '', firstSeenMs: 0, path: [] }));
  }

  const screens: ObservedScreen[] = entries.map((e, i) => {
    const where = `${path.join(dir, 'screens.json')}: [${i}]`;
    if (typeof e.state !== 'string' || typeof e.source !== 'string') throw new BadInputError('BAD_BUNDLE', `${where}: needs "state" and "source"`);
    const file = path.join(dir, e.source);
    if (!existsSync(file)) throw new BadInputError('BAD_BUNDLE', `${where}.source: file not found: ${e.source}`);
    const snapshot = parsePageSourceBytes(readFileSync(file), file);
    const ocr = readOcr(dir, { state: e.state, source: e.source });
    const screenPkg: string = e.package ?? pkg;
    return {
      state: e.state,
      screenshot: e.screenshot ?? e.source.replace(/\.xml$/, '.png'),
      source: e.source,
      package: screenPkg,
      activity: e.activity ?? '',
      inApp: typeof e.inApp === 'boolean' ? e.inApp : screenPkg === pkg,
      snapshot,
      ...(ocr ? { ocr } : {}),
      texts: mergeTexts(snapshot, ocr),
      firstSeenMs: Number(e.firstSeenMs ?? 0),
      path: Array.isArray(e.path) ? e.path.map(Number) : [],
      ...readSteps(dir, e.readSteps),
    };
  });

  const probes = readBundleJson(dir, 'probes.json');
  const stop = run.stopReason ?? findings.run?.stopReason;
  const stopReason: StopReason = (STOP_REASONS as readonly string[]).includes(stop) ? stop : 'explored';
  const coverage = readCoverage(dir, run, findings);
  return {
    app: { package: pkg, ...(appInfo.label ? { label: appInfo.label } : {}), ...(appInfo.versionName ? { versionName: appInfo.versionName } : {}) },
    screens,
    actions: readActions(dir),
    probes: Array.isArray(probes) ? (probes as ProbeResult[]).map((p) => ({ ...p, ...('bounds' in p && toRect(p.bounds) ? { bounds: toRect(p.bounds)! } : {}) })) : [],
    stopReason,
    ...(coverage ? { coverage } : {}),
  };
}

/** screens.json `readSteps` whose images are in the bundle (a step image lost is simply not offered). */
function readSteps(dir: string, raw: unknown): { readSteps?: ReadStepShot[] } {
  if (!Array.isArray(raw)) return {};
  const steps = raw.filter(
    (r): r is ReadStepShot =>
      typeof r?.screenshot === 'string' && Number.isFinite(r.offset) && Number.isFinite(r.height) && r.height > 0 && existsSync(path.join(dir, r.screenshot)),
  );
  return steps.length ? { readSteps: steps.map((r) => ({ screenshot: r.screenshot, offset: r.offset, height: r.height })) } : {};
}

/**
 * `run.coverage` as recorded (run.json, else findings.json); undefined for a bundle written
 * before coverage existed, whose absence-based verdicts then cannot be given. A malformed one
 * is BAD_BUNDLE naming the file and field, never silently taken as complete.
 */
function readCoverage(dir: string, run: Loose, findings: Loose): Coverage | undefined {
  const [file, raw] = run.coverage !== undefined ? ['run.json', run.coverage] : ['findings.json', findings.run?.coverage];
  if (raw === undefined) return undefined;
  const parsed = coverageSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BadInputError('BAD_BUNDLE', `${path.join(dir, file)}: ${['coverage', ...issue.path.map(String)].join('.')}: ${issue.message}`);
}
