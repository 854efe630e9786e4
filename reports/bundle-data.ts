import path from 'node:path';
import { readActions, readBundleJson } from '../src/bundle/read.ts';
import { BadInputError } from '../src/errors.ts';
import { findingsSchema, type Findings } from '../src/findings/schema.ts';
import type { ObservedAction, ObservedScreen } from '../src/observation.ts';
import { firstIssue } from '../src/zod-errors.ts';

/** What the report, the annotations and the repro specs read from a bundle (no page-source parsing). */
export type ScreenEntry = Pick<ObservedScreen, 'state' | 'screenshot' | 'source' | 'package' | 'activity' | 'inApp' | 'firstSeenMs' | 'path'> & {
  /** What a person calls the screen (screens.json `title`; absent in older bundles). */
  title?: string;
  /** Requests to hosts outside the app that the browser blocked (screens.json `blocked`, H5 screens). */
  blocked?: { count: number; hosts: string[]; urls: string[] };
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** screens.json `blocked`, when well-formed; anything else is left out of the report. */
function blockedOf(b: any): ScreenEntry['blocked'] {
  if (!b || typeof b !== 'object' || !Number.isInteger(b.count) || b.count <= 0) return undefined;
  return { count: b.count, hosts: strings(b.hosts), urls: strings(b.urls) };
}

export interface BundleData {
  dir: string;
  findings: Findings;
  screens: ScreenEntry[];
  actions: ObservedAction[];
  /** seq → action. */
  bySeq: Map<number, ObservedAction>;
  /** app.json (app-graph/1 recording), when present. */
  graph?: Record<string, any>;
  /** run.json, when present. */
  run: Record<string, any>;
  /** manifest.json as it was before this rendering, when present. */
  manifest?: Record<string, any>;
}

export function readFindings(dir: string): Findings {
  const file = path.join(dir, 'findings.json');
  const raw = readBundleJson(dir, 'findings.json');
  if (raw === undefined) throw new BadInputError('BAD_BUNDLE', `${file}: missing (not an evidence bundle?)`);
  const parsed = findingsSchema.safeParse(raw);
  if (!parsed.success) throw new BadInputError('BAD_BUNDLE', firstIssue(file, parsed.error));
  return parsed.data as Findings;
}

/** Loads a bundle for rendering. `findings` overrides findings.json (the crawler passes its own). */
export function loadBundleData(bundleDir: string, findings?: Findings): BundleData {
  const dir = path.resolve(bundleDir);
  const graph = readBundleJson(dir, 'app.json');
  const f = findings ?? readFindings(dir);
  const pkg = f.app.package;
  const rawScreens: any[] = readBundleJson(dir, 'screens.json') ?? graph?.states?.map((s: any) => ({ state: s.id, ...s })) ?? [];
  const screens: ScreenEntry[] = rawScreens
    .filter((s) => s && typeof s.state === 'string')
    .map((s) => ({
      state: s.state,
      screenshot: s.screenshot ?? `states/${s.state}.png`,
      source: s.source ?? `states/${s.state}.xml`,
      package: s.package ?? pkg,
      activity: s.activity ?? '',
      inApp: typeof s.inApp === 'boolean' ? s.inApp : (s.package ?? pkg) === pkg,
      firstSeenMs: Number(s.firstSeenMs ?? 0),
      path: Array.isArray(s.path) ? s.path.map(Number) : [],
      ...(typeof s.title === 'string' && s.title ? { title: s.title } : {}),
      ...(blockedOf(s.blocked) ? { blocked: blockedOf(s.blocked) } : {}),
    }));
  const actions = readActions(dir);
  return {
    dir,
    findings: f,
    screens,
    actions,
    bySeq: new Map(actions.map((a) => [a.seq, a])),
    graph,
    run: readBundleJson(dir, 'run.json') ?? {},
    manifest: readBundleJson(dir, 'manifest.json'),
  };
}

/** The actions that first led to `state` from launch, in order (empty when unknown or the launch screen). */
export function pathTo(data: BundleData, state: string): ObservedAction[] {
  const screen = data.screens.find((s) => s.state === state);
  if (!screen) return [];
  return screen.path.map((seq) => data.bySeq.get(seq)).filter((a): a is ObservedAction => a !== undefined);
}

/** The launch screen: the first screen with an empty path, else the recording's start, else the first. */
export function launchState(data: BundleData): string | undefined {
  return data.screens.find((s) => s.path.length === 0)?.state ?? data.graph?.start ?? data.screens[0]?.state;
}
