import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { APPS } from '../fixtures/apps/apps.ts';
import { writeApp } from '../fixtures/apps/generate.ts';
import { FIXTURES } from '../helpers/paths.ts';

/** The harder exploration fixtures (test/fixtures/apps) are generated: the committed files must be what the generator writes. */
const dir = (name: string) => path.join(FIXTURES, 'apps', name);

describe.each(APPS.map((a) => a.name))('fixture app %s', (name) => {
  it('is a valid app-graph/1 whose every state is reachable from the start', () => {
    const { graph } = loadAppGraph(dir(name));
    const seen = new Set([graph.start]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of graph.transitions)
        for (const to of [t.to, t.else])
          if (seen.has(t.from) && to && to !== '@back' && !seen.has(to)) {
            seen.add(to);
            grew = true;
          }
    }
    expect(graph.states.map((s) => s.id).filter((id) => !seen.has(id))).toEqual([]);
  });

  it('matches its description: regenerating gives the same app.json, expected.json and page sources', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'govapp-fixture-'));
    await writeApp(APPS.find((a) => a.name === name)!, out, { png: false });
    for (const f of ['app.json', 'expected.json']) expect(readFileSync(path.join(out, name, f), 'utf8'), f).toBe(readFileSync(path.join(dir(name), f), 'utf8'));
    const xml = readdirSync(path.join(out, name, 'states')).sort();
    expect(readdirSync(path.join(dir(name), 'states')).filter((f) => f.endsWith('.xml')).sort()).toEqual(xml);
    for (const f of xml) expect(readFileSync(path.join(out, name, 'states', f), 'utf8'), f).toBe(readFileSync(path.join(dir(name), 'states', f), 'utf8'));
  });

  it('has a small 1080×2340 screenshot for every state', async () => {
    const { graph } = loadAppGraph(dir(name));
    for (const s of graph.states.slice(0, 5)) {
      const file = path.join(dir(name), s.screenshot);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height], s.id).toEqual([1080, 2340]);
    }
    for (const s of graph.states) expect(statSync(path.join(dir(name), s.screenshot)).size, s.id).toBeLessThan(48 * 1024);
  });
});
