import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js fire: each case lints one import as if it were written in a
 * file of the given layer (the file need not exist; the imported one does) and expects the rule's
 * verdict. docs/architecture.md describes the same zones.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// no-cycle walks the whole import graph of each case; these cases are about the zones only.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: { rules: { 'import-x/no-cycle': 'off' } } });

async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = 'import-x/no-restricted-paths';
const RELATIVE = 'import-x/no-relative-packages';

const CASES: ReadonlyArray<{ file: string; code: string; hits: string[] }> = [
  // The core imports no layer above it.
  { file: 'src/__lint_case.ts', code: "import { runDetectors } from '../detectors/run.ts';\nexport const x = runDetectors;\n", hits: [RESTRICTED] },
  { file: 'src/__lint_case.ts', code: "import { BadInputError } from './errors.ts';\nexport const x = BadInputError;\n", hits: [] },
  // Detectors read the core model, never the device.
  { file: 'detectors/__lint_case.ts', code: "import type { Device } from '../src/device/device.ts';\nexport type X = Device;\n", hits: [RESTRICTED] },
  { file: 'detectors/__lint_case.ts', code: "import type { ObservedScreen } from '../src/observation.ts';\nexport type X = ObservedScreen;\n", hits: [] },
  // Crawlers: no reports, no detector internals; the public entry points are fine.
  { file: 'crawlers/__lint_case.ts', code: "import { escapeMarkup } from '../reports/escape.ts';\nexport const x = escapeMarkup;\n", hits: [RESTRICTED] },
  { file: 'crawlers/__lint_case.ts', code: "import { norm } from '../detectors/lib/text.ts';\nexport const x = norm;\n", hits: [RESTRICTED] },
  { file: 'crawlers/__lint_case.ts', code: "import { runDetectors } from '../detectors/run.ts';\nexport const x = runDetectors;\n", hits: [] },
  { file: 'cli/__lint_case.ts', code: "import { norm } from '../detectors/lib/text.ts';\nexport const x = norm;\n", hits: [RESTRICTED] },
  // Reports never import crawlers.
  { file: 'reports/__lint_case.ts', code: "import { crawl } from '../crawlers/crawl.ts';\nexport const x = crawl;\n", hits: [RESTRICTED] },
  // The drivers are self-contained packages.
  { file: 'drivers/replay/lib/__lint_case.ts', code: "import { BadInputError } from '../../../src/errors.ts';\nexport const x = BadInputError;\n", hits: [RESTRICTED, RELATIVE] },
  { file: 'drivers/replay/lib/__lint_case.ts', code: "import { BadInputError } from '@govapp/app-graph/errors';\nexport const x = BadInputError;\n", hits: [] },
  { file: 'drivers/android-sim/lib/__lint_case.ts', code: "import { GraphRuntime } from '../../replay/lib/graph-runtime.ts';\nexport const x = GraphRuntime;\n", hits: [RELATIVE] },
  { file: 'drivers/android-sim/lib/__lint_case.ts', code: "import { GraphRuntime } from 'appium-replay-driver/runtime';\nexport const x = GraphRuntime;\n", hits: [] },
  { file: 'packages/app-graph/lib/__lint_case.ts', code: "import { stripBidi } from '../../../src/escape.ts';\nexport const x = stripBidi;\n", hits: [RESTRICTED, RELATIVE] },
];

describe('lint: layer boundaries', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.code.split('\n')[0]} → ${c.hits.join(', ') || 'allowed'}`, async () => {
      expect((await rulesHit(c.file, c.code)).sort()).toEqual([...c.hits].sort());
    });
  }
});
