import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../../detectors/index.ts';
import { CLAUSES } from '../../src/findings/schema.ts';
import { REPO } from '../helpers/paths.ts';

const docs = readFileSync(path.join(REPO, 'docs/clauses.md'), 'utf8');
/** `## <id>` sections of docs/clauses.md, by id. */
const sections = new Map(
  docs
    .split(/^## /m)
    .slice(1)
    .map((s) => [s.split(/\s/)[0].replace(/`/g, ''), s] as const),
);

describe('detector registry', () => {
  it('is sorted by clause, one detector per clause, ids unique', () => {
    expect(detectors.map((d) => d.meta.clause)).toEqual([...CLAUSES]);
    expect(new Set(detectors.map((d) => d.meta.id)).size).toBe(detectors.length);
  });

  it('lists every detector file', () => {
    const files = readdirSync(path.join(REPO, 'detectors'))
      .filter((f) => f.endsWith('.ts') && !['define.ts', 'index.ts', 'run.ts'].includes(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(detectors.map((d) => d.meta.id).sort());
  });

  for (const d of detectors)
    describe(d.meta.id, () => {
      it('has a table test', () => {
        expect(existsSync(path.join(REPO, 'test/detectors', `${d.meta.id}.test.ts`))).toBe(true);
      });

      it('has a section in docs/clauses.md naming its clause and message ids', () => {
        const section = sections.get(d.meta.id);
        expect(section, `docs/clauses.md has no "## ${d.meta.id}" section`).toBeDefined();
        expect(section).toContain(`\`${d.meta.clause}\``);
        for (const id of Object.keys(d.meta.messages)) expect(section, `message ${id}`).toContain(`\`${id}\``);
      });

      it('parses empty options (every option has a default)', () => {
        expect(() => d.options.parse({})).not.toThrow();
      });
    });
});
