import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { readObservation } from '../../src/bundle/read.ts';
import type { Findings } from '../../src/findings/schema.ts';
import { detectorOptionSchemas, runDetectors } from '../../detectors/run.ts';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';

/**
 * Detector options in govapp.yaml (`detectors: { <id>: {...} }`). study-portal's 4.2 passes on its
 * host unit name; unit-name's `minTextHeightRatio: 0.04` (text lower than 4% of the screen height
 * is too small to be clear) makes that name one for a person to check — through the config file,
 * in `govapp analyze`.
 */
const verdictOf = (f: Findings, clause: string) => f.clauses.find((c) => c.clause === clause)?.verdict;

describe('detector options from govapp.yaml', () => {
  let dir: string;
  let cfgDir: string;
  const config = (name: string, yaml: string) => {
    const file = path.join(cfgDir, name);
    writeFileSync(file, yaml);
    return file;
  };
  beforeAll(async () => {
    dir = await writeSealedBundle('study-portal');
    cfgDir = mkdtempSync(path.join(tmpdir(), 'govapp-detector-options-'));
    expect((await runMain('report', dir)).code).toBe(0);
  });
  afterAll(() => [dir, cfgDir].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('an option changes a verdict on the fixture observation only through the loaded config', async () => {
    const obs = readObservation(dir);
    const loaded = await loadConfig(config('short.yaml', 'detectors:\n  unit-name:\n    minTextHeightRatio: 0.04\n'), { detectors: detectorOptionSchemas() });
    expect(loaded.detectors).toEqual({ 'unit-name': { minTextHeightRatio: 0.04 } });
    expect(runDetectors(obs).find((c) => c.clause === '4.2')?.verdict).toBe('pass');
    expect(runDetectors(obs, loaded.detectors).find((c) => c.clause === '4.2')).toMatchObject({ verdict: 'review', summary: expect.stringContaining("字号过小") });
  });

  it('govapp analyze --config: the verdict follows the file', async () => {
    const read = () => JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8')) as Findings;
    expect((await runMain('analyze', dir)).code).toBe(0);
    expect(verdictOf(read(), '4.2')).toBe('pass');
    const r = await runMain('analyze', dir, '--config', config('govapp.yaml', 'detectors:\n  unit-name: { minTextHeightRatio: 0.04 }\n'));
    expect(r.code, r.stderr).toBe(0);
    expect(verdictOf(read(), '4.2')).toBe('review');
  });

  it('govapp analyze without --config: the options the crawl recorded in run.json', async () => {
    const runFile = path.join(dir, 'run.json');
    const run = JSON.parse(readFileSync(runFile, 'utf8'));
    writeFileSync(runFile, JSON.stringify({ ...run, options: { ...run.options, detectors: { 'unit-name': { minTextHeightRatio: 0.04 } } } }));
    const r = await runMain('analyze', dir, '--force'); // run.json changed after the manifest
    expect(r.code, r.stderr).toBe(0);
    expect(verdictOf(JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8')) as Findings, '4.2')).toBe('review');
    writeFileSync(runFile, JSON.stringify(run));
    expect((await runMain('analyze', dir, '--force')).code).toBe(0);
  });

  it.each([
    ['a value of the wrong type', 'detectors:\n  unit-name:\n    minOcrConfidence: high\n', /^govapp: BAD_CONFIG: .*bad-type\.yaml: detectors\.unit-name\.minOcrConfidence: .*expected number/m],
    ['a value out of range', 'detectors:\n  unit-name: { minOcrConfidence: 2 }\n', /^govapp: BAD_CONFIG: .*out-of-range\.yaml: detectors\.unit-name\.minOcrConfidence: /m],
    ['an option the detector does not take', 'detectors:\n  unit-name: { minOcrConfidance: 0.5 }\n', /^govapp: BAD_CONFIG: .*misspelt\.yaml: detectors\.unit-name: .*minOcrConfidance/m],
    ['an unknown detector id', 'detectors:\n  unit-nam: {}\n', /^govapp: BAD_CONFIG: .*unknown-id\.yaml: detectors\.unit-nam: no detector "unit-nam"/m],
    ['options that are not a mapping', 'detectors:\n  unit-name: 3\n', /^govapp: BAD_CONFIG: .*not-a-map\.yaml: detectors\.unit-name: /m],
  ])('%s is one BAD_CONFIG line naming the file and field, exit 2', async (_name, yaml, line) => {
    const file = { 'a value of the wrong type': 'bad-type', 'a value out of range': 'out-of-range', 'an option the detector does not take': 'misspelt', 'an unknown detector id': 'unknown-id', 'options that are not a mapping': 'not-a-map' }[_name]!;
    const r = await runMain('analyze', dir, '--config', config(`${file}.yaml`, yaml));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(line);
  });
});
