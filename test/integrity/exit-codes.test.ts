import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_TABLE } from '../../src/exit-codes.ts';
import { GATE_EXIT_CODE } from '../../reports/gate.ts';
import { runMain } from '../helpers/cli.ts';
import { REPO } from '../helpers/paths.ts';

/**
 * The exit codes are one table (src/exit-codes.ts) that --help and the README show. Each code
 * is exercised through the CLI elsewhere: 0/3 test/reports/cli.test.ts, 1 disk-full, 2 hostile-*,
 * 4 and 130 faults, 5 hostile-bundles.
 */
describe('exit codes', () => {
  it('0–3 keep their old meaning; the new ones are distinct', () => {
    expect([EXIT.OK, EXIT.RUNTIME, EXIT.BAD_INPUT, EXIT.GATE]).toEqual([0, 1, 2, 3]);
    expect(GATE_EXIT_CODE).toBe(EXIT.GATE);
    const codes = EXIT_TABLE.map(([c]) => c);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it('the README table is the module table, row for row', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Exit codes'));
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]]);
    expect(rows).toEqual(EXIT_TABLE.map(([c, t]) => [c, t]));
  });

  it('govapp --help and every command --help list them', async () => {
    for (const argv of [['--help'], ['crawl', '--help'], ['verify', '--help'], ['report', '--help'], ['analyze', '--help']]) {
      const r = await runMain(...argv);
      expect(r.code).toBe(0);
      for (const [code, text] of EXIT_TABLE) expect(r.stdout).toContain(`${String(code).padStart(3)}  ${text.replace(/`/g, '')}`);
    }
  });
});
