import path from 'node:path';
import { z } from 'zod';
import { loadAppGraph } from '../src/appgraph/load.ts';
import type { AppTarget } from '../src/device/capabilities.ts';
import { BadInputError, isGovappError } from '../src/errors.ts';
import { readYamlConfig } from './yaml-file.ts';
import { miniHostPackage, miniKey, parseMiniTarget, type MiniTarget } from '../crawlers/mini/target.ts';
import { miniDeviceTarget } from '../crawlers/mini/session.ts';
import { createHash } from 'node:crypto';

/**
 * apps.yaml: the apps of one batch, each crawled into its own bundle `<out>/apps/<id>/`.
 *
 * ```yaml
 * defaults: { maxMinutes: 10, ocr: tesseract, retries: 2 }
 * apps:
 *   - appGraph: ../shared/fixtures/apps/study-portal     # a recorded app (replay)
 *   - id: tax
 *     apk: apks/tax-3.1.apk                              # installed on the leased device
 *     config: creds/tax.govapp.yaml                      # credentials, safety allow-list, probes
 *     maxActions: 300
 *   - package: cn.gov.example.office                     # already installed
 *   - miniProgram: { name: 某市政务服务, host: wechat }   # a 小程序 inside its host (installed, logged in)
 *   - miniProgram: { appid: wx0123456789abcdef, host: wechat }
 *     appGraph: recordings/wechat-host                   # … or inside a replayed host
 *   - quickApp: cn.gov.example.quick                     # a 快应用 (hap://app/…), engine optional
 *     engine: com.example.quickengine
 * ```
 * Relative paths are relative to the apps file.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const PACKAGE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/;

const perApp = {
  maxActions: z.number().int().positive().optional(),
  maxMinutes: z.number().positive().optional(),
  strategy: z.enum(['targeted', 'bfs', 'dfs', 'random']).optional(),
  seed: z.number().int().optional(),
  ocr: z.enum(['paddle', 'tesseract', 'off']).optional(),
  /** govapp.yaml for this app: credentials, safety allow-list, probes. */
  config: z.string().min(1).optional(),
  /** Wall-clock limit of one attempt; past it the attempt is aborted and retried elsewhere. */
  timeoutMinutes: z.number().positive().optional(),
  /** How many more attempts (on other devices) after a crawl that died. */
  retries: z.number().int().min(0).max(10).optional(),
};

const miniProgramSchema = z
  .strictObject({
    name: z.string().trim().min(1).optional(),
    appid: z.string().trim().min(1).optional(),
    host: z.enum(['wechat', 'alipay'], { message: 'expected wechat or alipay' }),
  })
  .refine((m) => (m.name === undefined) !== (m.appid === undefined), { message: 'give one of name or appid' });

const appEntrySchema = z
  .strictObject({
    id: z.string().regex(ID_PATTERN, 'use letters, digits, ".", "_" and "-" (it names the bundle directory)').optional(),
    appGraph: z.string().min(1).optional(),
    apk: z.string().min(1).optional(),
    package: z.string().regex(PACKAGE_PATTERN, 'not an Android package name').optional(),
    activity: z.string().min(1).optional(),
    miniProgram: miniProgramSchema.optional(),
    quickApp: z.string().regex(PACKAGE_PATTERN, 'not a quick-app package name').optional(),
    engine: z.string().regex(PACKAGE_PATTERN, 'not an Android package name').optional(),
    ...perApp,
  })
  .superRefine((a, ctx) => {
    if (a.miniProgram !== undefined || a.quickApp !== undefined) {
      if (a.miniProgram !== undefined && a.quickApp !== undefined) ctx.addIssue({ code: 'custom', message: 'give miniProgram or quickApp, not both' });
      if (a.apk !== undefined || a.package !== undefined || a.activity !== undefined) ctx.addIssue({ code: 'custom', message: 'a mini-program or quick app runs in its host: no apk, package or activity' });
      if (a.engine !== undefined && a.quickApp === undefined) ctx.addIssue({ code: 'custom', path: ['engine'], message: 'only for quickApp' });
      return;
    }
    if (a.engine !== undefined) ctx.addIssue({ code: 'custom', path: ['engine'], message: 'only for quickApp' });
    if (a.appGraph !== undefined && (a.apk !== undefined || a.package !== undefined || a.activity !== undefined))
      ctx.addIssue({ code: 'custom', message: 'appGraph takes no apk, package or activity (they come from its app.json)' });
    if (a.appGraph === undefined && a.apk === undefined && a.package === undefined)
      ctx.addIssue({ code: 'custom', message: 'needs one of appGraph, apk or package' });
  });

export const appsFileSchema = z.strictObject({
  defaults: z.strictObject(perApp).optional(),
  apps: z.array(appEntrySchema).min(1, 'lists no app'),
});

export interface BatchAppOptions {
  maxActions?: number;
  maxMinutes?: number;
  strategy?: 'targeted' | 'bfs' | 'dfs' | 'random';
  seed?: number;
  ocr?: 'paddle' | 'tesseract' | 'off';
  configFile?: string;
  timeoutMs?: number;
  retries?: number;
}

/** One app of a batch, resolved: absolute paths, a unique id, the crawl target. */
export interface BatchApp {
  id: string;
  target: AppTarget;
  /** Package when known before the crawl (app-graph, package, apk with a package hint). */
  package?: string;
  label?: string;
  /** A mini-program or quick app crawled inside its host (`target` is then the host). */
  mini?: MiniTarget;
  options: BatchAppOptions;
}

/** Reads apps.yaml; errors are BAD_CONFIG naming the file and field. */
export function loadAppsFile(file: string): BatchApp[] {
  const abs = path.resolve(file);
  const data = readYamlConfig(abs, appsFileSchema);
  const base = path.dirname(abs);
  const seen = new Map<string, number>();
  return data.apps.map((entry, i) => {
    const where = `${abs}: apps[${i}]`;
    const merged = { ...data.defaults, ...stripUndefined(entry) };
    const app = resolveEntry(entry, base, where, i);
    const prev = seen.get(app.id);
    if (prev !== undefined) throw new BadInputError('BAD_CONFIG', `${where}.id: "${app.id}" is also the id of apps[${prev}]; give each entry its own id`);
    seen.set(app.id, i);
    app.options = {
      maxActions: merged.maxActions,
      maxMinutes: merged.maxMinutes,
      strategy: merged.strategy,
      seed: merged.seed,
      ocr: merged.ocr,
      configFile: merged.config === undefined ? undefined : path.resolve(base, merged.config),
      timeoutMs: merged.timeoutMinutes === undefined ? undefined : Math.round(merged.timeoutMinutes * 60_000),
      retries: merged.retries,
    };
    return app;
  });
}

type Entry = z.infer<typeof appEntrySchema>;

function resolveEntry(e: Entry, base: string, where: string, index: number): BatchApp {
  if (e.miniProgram !== undefined || e.quickApp !== undefined) return resolveMini(e, base, where);
  if (e.appGraph !== undefined) {
    const dir = path.resolve(base, e.appGraph);
    try {
      // Only app.json is needed here; each crawl checks its page sources, so one hostile app fails alone.
      const { graph } = loadAppGraph(dir, { checkSources: false });
      return { id: e.id ?? path.basename(dir), target: { kind: 'app-graph', dir, package: graph.app.package }, package: graph.app.package, label: graph.app.label, options: {} };
    } catch (err) {
      const msg = isGovappError(err) ? err.message : String(err);
      throw new BadInputError('BAD_CONFIG', `${where}.appGraph: ${msg}`, { cause: err });
    }
  }
  if (e.apk !== undefined) {
    const apk = path.resolve(base, e.apk);
    // A file name such as 掌上政务.apk has no usable characters: fall back to the entry's position.
    const derived = path.basename(apk).replace(/\.apk$/i, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+|[._-]+$/g, '').slice(0, 100);
    const id = e.id ?? (ID_PATTERN.test(derived) ? derived : `app-${index + 1}`);
    return { id, target: { kind: 'apk', apk, package: e.package, activity: e.activity }, package: e.package, options: {} };
  }
  return { id: e.id ?? e.package!, target: { kind: 'package', package: e.package!, activity: e.activity }, package: e.package, options: {} };
}

/** A mini-program or quick app: its host on the leased device, or a replayed host (appGraph). */
function resolveMini(e: Entry, base: string, where: string): BatchApp {
  const field = e.quickApp !== undefined ? 'quickApp' : 'miniProgram';
  const fail = (at: string, err: unknown): never => {
    const msg = isGovappError(err) ? err.message : String(err);
    throw new BadInputError('BAD_CONFIG', msg.startsWith(where) ? msg : `${where}.${at}: ${msg}`, { cause: err });
  };
  let mini: MiniTarget;
  let host: BatchApp['target'] | undefined;
  try {
    mini = parseMiniTarget({ miniProgram: e.miniProgram?.name ?? e.miniProgram?.appid, host: e.miniProgram?.host, quickApp: e.quickApp, engine: e.engine }, `${where}.`);
  } catch (err) {
    return fail(field, err);
  }
  try {
    if (e.appGraph !== undefined) {
      const dir = path.resolve(base, e.appGraph);
      host = { kind: 'app-graph', dir, package: loadAppGraph(dir, { checkSources: false }).graph.app.package };
    }
    host = miniDeviceTarget(mini, host);
  } catch (err) {
    return fail('appGraph', err);
  }
  const key = miniKey(mini);
  const derived = `${mini.host}-${key}`.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+|[._-]+$/g, '').slice(0, 100);
  const id = e.id ?? (ID_PATTERN.test(derived) && !/^[a-z]+$/.test(derived) ? derived : `${mini.host}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`);
  return { id, target: host, package: miniHostPackage(mini), label: mini.name ?? key, mini, options: {} };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
