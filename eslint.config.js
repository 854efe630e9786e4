// ESLint 9 flat config: the recommended JavaScript and typescript-eslint sets, and the import
// rules that keep the layers of docs/architecture.md one-way. Syntax-only (no type information),
// so `npm run lint` stays fast; `tsc --noEmit` does the type checking.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Core modules a detector may read: the observation/snapshot model and findings, never a device. */
const CORE_MODEL = [
  'errors.ts',
  'escape.ts',
  'findings',
  'geometry.ts',
  'observation.ts',
  'probes',
  'snapshot',
  'text-width.ts',
  'zod-errors.ts',
];

/** Each zone: files under `target` may not import from `from` (paths from the repository root). */
const zones = [
  {
    target: './src',
    from: ['./cli', './batch', './crawlers', './detectors', './reports', './drivers', './bench', './test'],
    message: 'The core (src/) imports no layer above it (docs/architecture.md).',
  },
  {
    target: './detectors',
    from: './src',
    except: CORE_MODEL.map((p) => `./${p}`),
    message: 'Detectors read the core model only, never the device, Appium, web or OCR parts (docs/architecture.md).',
  },
  {
    target: './detectors',
    from: ['./crawlers', './reports', './cli', './batch', './drivers'],
    message: 'Detectors are pure: they import no crawler, report, top-layer or driver code (docs/architecture.md).',
  },
  {
    target: './crawlers',
    from: ['./reports', './cli', './batch', './drivers'],
    message: 'Crawlers do not import reports, the top layer or drivers (docs/architecture.md).',
  },
  {
    target: ['./crawlers', './cli', './batch'],
    from: './detectors/lib',
    message: 'Crawlers and the top layer use the detectors only through detectors/index.ts, run.ts and define.ts (docs/architecture.md).',
  },
  {
    target: './reports',
    from: ['./crawlers', './cli', './batch', './drivers'],
    message: 'Reports read bundles and findings; they import no crawler, top-layer or driver code (docs/architecture.md).',
  },
  {
    target: './drivers/replay',
    from: ['./src', './cli', './batch', './crawlers', './detectors', './reports', './drivers/android-sim', './bench', './test'],
    message: 'The replay driver is a self-contained package: it imports only its own files and declared npm packages (@govapp/app-graph for the format).',
  },
  {
    target: './drivers/android-sim',
    from: ['./src', './cli', './batch', './crawlers', './detectors', './reports', './bench', './test'],
    message: 'android-sim imports only its own files and declared npm packages (the replay driver through its package exports).',
  },
  {
    target: './packages',
    from: ['./src', './cli', './batch', './crawlers', './detectors', './reports', './drivers', './bench', './test'],
    message: 'Shared packages import only their own files and declared npm packages.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', '**/node_modules/', 'out/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'], espree: ['.js', '.mjs'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // A package (packages/*, drivers/*) is imported by its name and exports, never by a relative path into it.
      'import-x/no-relative-packages': 'error',
      // Loose JSON at the edges (bundle files, app-graphs, WebDriver request bodies) is typed
      // Record<string, any> before zod or a reader narrows it; strict tsc checks everything else.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests and benches are white-box: they may import a package's internal modules to test them.
    files: ['test/**', 'bench/**'],
    rules: { 'import-x/no-relative-packages': 'off' },
  },
);
