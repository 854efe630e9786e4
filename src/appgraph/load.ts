import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BadInputError } from '../errors.ts';
import { firstIssue } from '../zod-errors.ts';
import { parseXmlDocument } from '../snapshot/parse.ts';
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
  if (!existsSync(file)) throw new BadInputError('BAD_APP_GRAPH', `${file}: missing (an app-graph/1 directory needs app.json)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
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
    for (const key of ['source', 'screenshot'] as const) {
      const p = path.resolve(abs, s[key]);
      if (!p.startsWith(abs + path.sep)) throw new BadInputError('BAD_APP_GRAPH', `${file}: states[${i}].${key}: path leaves the app-graph directory`);
      if (!existsSync(p)) throw new BadInputError('BAD_APP_GRAPH', `${file}: states[${i}].${key}: file not found: ${s[key]}`);
    }
    // Every page source must parse now, not halfway through a crawl (the error names the file).
    if (options.checkSources !== false) parseXmlDocument(readFileSync(path.resolve(abs, s.source), 'utf8'), path.resolve(abs, s.source));
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
