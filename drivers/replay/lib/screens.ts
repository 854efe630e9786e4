/**
 * The recorded screens of one app-graph, read once per session: every page source is parsed at
 * session start (so a malformed one fails session creation with a one-line message naming the
 * file), screenshots are read on first use.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedAppGraph } from '@govapp/app-graph/load';
import { BadInputError, isGovappError } from '@govapp/app-graph/errors';
import { parsePageSource } from '@govapp/app-graph/snapshot/parse';
import type { ScreenSource } from './graph-runtime.ts';
import { nodesFromSnapshot } from './view.ts';

export class ScreenLibrary {
  private readonly sources = new Map<string, ScreenSource>();
  private readonly screenshots = new Map<string, Promise<string>>();

  constructor(private readonly app: LoadedAppGraph) {
    app.graph.states.forEach((s, i) => {
      const file = path.resolve(app.dir, s.source);
      try {
        const snapshot = parsePageSource(readFileSync(file, 'utf8'), file);
        this.sources.set(s.id, { nodes: nodesFromSnapshot(snapshot), rotation: snapshot.rotation });
      } catch (e) {
        if (isGovappError(e)) throw new BadInputError('BAD_APP_GRAPH', `${path.join(app.dir, 'app.json')}: states[${i}].source: ${e.message}`, { cause: e });
        throw e;
      }
    });
  }

  source(stateId: string): ScreenSource {
    const s = this.sources.get(stateId);
    if (!s) throw new Error(`no state "${stateId}"`);
    return s;
  }

  /** The state's PNG exactly as stored, base64. */
  screenshot(stateId: string): Promise<string> {
    let png = this.screenshots.get(stateId);
    if (!png) {
      const state = this.app.byId.get(stateId);
      if (!state) throw new Error(`no state "${stateId}"`);
      png = readFile(path.resolve(this.app.dir, state.screenshot)).then((b) => b.toString('base64'));
      this.screenshots.set(stateId, png);
    }
    return png;
  }
}
