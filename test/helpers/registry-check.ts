import { existsSync } from 'node:fs';
import path from 'node:path';
import { seekPlanOf } from '../../crawlers/strategies/seek.ts';
import type { Detector } from '../../detectors/index.ts';

/**
 * What every registered detector needs besides its file (after ESLint's `checkRuleFiles`): a
 * table test, a docs/clauses.md section naming its clause and message ids, options that parse
 * from `{}`, and seek entries the targeted strategy can compile with the others'. Takes the
 * registry, the docs text and the folders table tests live in, so a test can check a registry
 * with a toy detector added. Returns one line per problem (none: the registry is complete).
 */
export interface RegistryInput {
  detectors: readonly Detector[];
  /** docs/clauses.md text (or any text with `## <id>` sections). */
  docs: string;
  /** Folders holding `<id>.test.ts` table tests. */
  tableTestDirs: readonly string[];
}

/** `## <id>` sections of a docs text, by id. */
export function docSections(docs: string): Map<string, string> {
  return new Map(
    docs
      .split(/^## /m)
      .slice(1)
      .map((s) => [s.split(/\s/)[0].replace(/`/g, ''), s] as const),
  );
}

export function registryProblems({ detectors, docs, tableTestDirs }: RegistryInput): string[] {
  const problems: string[] = [];
  const sections = docSections(docs);
  const ids = detectors.map((d) => d.meta.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`${id}: registered twice`);
  for (const d of detectors) {
    const { id, clause, messages } = d.meta;
    if (!tableTestDirs.some((dir) => existsSync(path.join(dir, `${id}.test.ts`)))) problems.push(`${id}: no table test ${id}.test.ts`);
    const section = sections.get(id);
    if (!section) problems.push(`${id}: docs has no "## ${id}" section`);
    else {
      if (!section.includes(`\`${clause}\``)) problems.push(`${id}: docs section does not name clause \`${clause}\``);
      for (const m of Object.keys(messages)) if (!section.includes(`\`${m}\``)) problems.push(`${id}: docs section does not name message \`${m}\``);
    }
    if (!d.options.safeParse({}).success) problems.push(`${id}: options do not parse from {} (every option needs a default)`);
  }
  try {
    seekPlanOf(detectors);
  } catch (e) {
    problems.push(`seek: ${(e as Error).message}`);
  }
  return problems;
}
