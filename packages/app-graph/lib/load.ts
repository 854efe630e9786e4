import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { confinedPath } from './fs/confine.ts';
import { readPngHeader } from './fs/png-header.ts';
import path from 'node:path';
import { BadInputError } from './errors.ts';
import { firstIssue } from './zod-errors.ts';
import { parseXmlDocument } from './snapshot/parse.ts';
import { appGraphSchema, type AppGraph } from './schema.ts';

export interface LoadedAppGraph {
  dir: string;
  graph: AppGraph;
  /** state id → state, for lookups. */
  byId: Map<string, AppGraph['states'][number]>;
}

/**
 * Reads and checks an app-graph/1 directory: schema, unique state ids, references between
 * states and transitions, and that every source/screenshot file exists. Errors name the file and field.
 */
export function loadAppGraph(dir: string, options: { checkSources?: boolean } = {}): LoadedAppGraph {
  const abs = path.resolve(dir);
  const file = path.join(abs, 'app.json');
  if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new BadInputError('BAD_APP_GRAPH', `${abs}: not a directory`);
  if (!existsSync(file) && !isLink(file)) throw new BadInputError('BAD_APP_GRAPH', `${file}: missing (an app-graph/1 directory needs app.json)`);
  // Every file is read through its real path inside the directory: no links out, no FIFOs.
  const inside = (rel: string, where: string) => confinedPath(abs, rel, { code: 'BAD_APP_GRAPH', where });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(inside('app.json', file), 'utf8'));
  } catch (e) {
    throw new BadInputError('BAD_APP_GRAPH', `${file}: not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  const parsed = appGraphSchema.safeParse(raw);
  if (!parsed.success) throw new BadInputError('BAD_APP_GRAPH', firstIssue(file, parsed.error));
  const graph = parsed.data;
  const byId = new Map<string, AppGraph['states'][number]>();
  graph.states.forEach((s, i) => {
    if (byId.has(s.id)) throw new BadInputError('BAD_APP_GRAPH', `${file}: states[${i}].id: duplicate state id "${s.id}"`);
    byId.set(s.id, s);
    const where = (key: string) => `${file}: states[${i}].${key}`;
    const source = inside(s.source, where('source'));
    const screenshot = inside(s.screenshot, where('screenshot'));
    const png = readPngHeader(screenshot);
    if ('error' in png) throw new BadInputError('BAD_APP_GRAPH', `${where('screenshot')}: ${s.screenshot}: ${png.error}`);
    // Every page source must parse now, not halfway through a crawl (the error names the file).
    if (options.checkSources !== false) parseXmlDocument(readFileSync(source, 'utf8'), path.resolve(abs, s.source));
  });
  if (!byId.has(graph.start)) throw new BadInputError('BAD_APP_GRAPH', `${file}: start: no state with id "${graph.start}"`);
  graph.transitions.forEach((t, i) => {
    if (!byId.has(t.from)) throw new BadInputError('BAD_APP_GRAPH', `${file}: transitions[${i}].from: no state with id "${t.from}"`);
    if (t.to !== '@back' && !byId.has(t.to)) throw new BadInputError('BAD_APP_GRAPH', `${file}: transitions[${i}].to: no state with id "${t.to}"`);
    if (t.else !== undefined && t.else !== '@back' && !byId.has(t.else))
      throw new BadInputError('BAD_APP_GRAPH', `${file}: transitions[${i}].else: no state with id "${t.else}"`);
    const kinds = [t.on, t.gesture, t.key, t.after].filter((k) => k !== undefined).length;
    if (kinds !== 1) throw new BadInputError('BAD_APP_GRAPH', `${file}: transitions[${i}]: needs exactly one of on, gesture, key, after`);
  });
  return { dir: abs, graph, byId };
}

export function isAppGraphDir(p: string): boolean {
  return existsSync(path.join(p, 'app.json'));
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
