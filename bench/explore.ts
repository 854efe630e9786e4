/**
 * Exploration bench: how fast each strategy finds the evidence of every clause, and how many
 * states it covers, side by side, on the public sample apps and the harder fixtures of
 * test/fixtures/apps (deep menus, long lists, a login wall, a popup on every launch).
 *
 *   npm run bench:explore -- [--apps study-portal,deep-menus,…] [--strategies targeted,bfs,dfs,random]
 *                            [--seeds 1,2,3,4,5] [--budget 300] [--max-actions 3000]
 *                            [--mode bisect|exact] [--json out.json] [--appium-url URL]
 *
 * Every app is crawled through a real Appium server and the replay driver, once per strategy
 * (random once per seed), OCR off, until it has explored everything (or `--max-actions`). The
 * crawl's decisions never depend on the budget, so one complete crawl gives the figures for any
 * budget: "actions to all evidence" is the number of actions after which every clause verdict
 * equals (for good) its verdict at the end of the complete crawl (bench/lib/evidence-curve.ts);
 * "states @N" is the number of distinct states seen within the first N actions.
 * Credentials come from the app's expected.json (`notes.credentials`: "user / password").
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startAppium, type AppiumServer } from '../src/appium/server.ts';
import type { StrategyName } from '../crawlers/types.ts';
import { evidenceCurve } from './lib/evidence-curve.ts';
import { exploreApp } from './lib/explore-run.ts';
import { appTable, checkTargets, targetsTable, type BenchRow, type TargetCheck } from './lib/explore-summary.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = path.resolve(ROOT, '../shared/fixtures/apps');
const FIXTURES = path.join(ROOT, 'test/fixtures/apps');
const DEFAULT_APPS = ['study-portal', 'office-compliant', 'river-patrol', 'deep-menus', 'long-lists', 'login-wall', 'launch-popup'];

const { values: args } = parseArgs({
  options: {
    apps: { type: 'string', default: DEFAULT_APPS.join(',') },
    strategies: { type: 'string', default: 'targeted,bfs,dfs,random' },
    seeds: { type: 'string', default: '1,2,3,4,5' },
    budget: { type: 'string', default: '300' },
    'max-actions': { type: 'string', default: '3000' },
    mode: { type: 'string', default: 'bisect' },
    json: { type: 'string' },
    'appium-url': { type: 'string' },
  },
});

/** An app by name (a sample beside the checkout, or a fixture of this repo) or a directory. */
function appDir(name: string): string | undefined {
  for (const dir of [path.resolve(name), path.join(FIXTURES, name), path.join(SAMPLES, name)]) if (existsSync(path.join(dir, 'app.json'))) return dir;
  return undefined;
}

interface Expected {
  clauses?: Record<string, string>;
  notes?: Record<string, string>;
}

function expectedOf(dir: string): Expected {
  const file = path.join(dir, 'expected.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Expected) : {};
}

function credentialsOf(expected: Expected): { username: string; password: string } | undefined {
  const m = /^\s*(\S+)\s*\/\s*(\S+)\s*$/.exec(expected.notes?.credentials ?? '');
  return m ? { username: m[1], password: m[2] } : undefined;
}

async function main(): Promise<void> {
  const apps = args.apps!.split(',').filter(Boolean);
  const strategies = args.strategies!.split(',').filter(Boolean) as StrategyName[];
  const seeds = args.seeds!.split(',').map(Number);
  const budget = Number(args.budget);
  const maxActions = Number(args['max-actions']);
  const mode = args.mode === 'exact' ? 'exact' : 'bisect';
  let server: AppiumServer | undefined;
  const appiumUrl = args['appium-url'] ?? (server = await startAppium({ logFile: path.join(ROOT, 'test-artifacts/bench-explore-appium.log'), logLevel: 'warn' })).url;
  const rows: BenchRow[] = [];
  const checks: TargetCheck[] = [];
  const tables: string[] = [];
  const t0 = Date.now();
  try {
    for (const app of apps) {
      const dir = appDir(app);
      if (!dir) {
        process.stderr.write(`${app}: no app-graph of that name in ${FIXTURES} or ${SAMPLES}; skipped\n`);
        continue;
      }
      const expected = expectedOf(dir);
      const pkg = (JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as { app: { package: string } }).app.package;
      const creds = credentialsOf(expected);
      const appRows: BenchRow[] = [];
      for (const strategy of strategies) {
        for (const seed of strategy === 'random' ? seeds : [undefined]) {
          const run = await exploreApp({
            appiumUrl,
            dir,
            strategy,
            seed,
            maxActions,
            maxMinutes: 30,
            // Timer probe: two samples 1 s apart are enough for a replayed clock.
            config: { apps: creds ? { [pkg]: { credentials: creds } } : {}, probes: { timerSeconds: 1 } },
          });
          const curve = evidenceCurve(run.observation, { mode });
          const mismatches = Object.entries(expected.clauses ?? {})
            .filter(([c, v]) => curve.final[c as keyof typeof curve.final] !== v)
            .map(([c, v]) => `${c} ${curve.final[c as keyof typeof curve.final]} (expected ${v})`);
          const row: BenchRow = {
            app,
            strategy,
            seed,
            actions: curve.actions,
            stopReason: run.stopReason,
            toAllEvidence: curve.actionsToAllEvidence,
            settledAt: curve.settledAt as Record<string, number>,
            statesAt: curve.statesAt,
            mismatches,
            wallMs: run.wallMs,
          };
          appRows.push(row);
          process.stderr.write(
            `${app} ${strategy}${seed !== undefined ? ` seed ${seed}` : ''}: ${row.actions} actions (${row.stopReason}), ${row.statesAt.at(-1)} states, all evidence after ${row.toAllEvidence} actions, ${(row.wallMs / 1000).toFixed(1)} s\n`,
          );
        }
      }
      rows.push(...appRows);
      tables.push(appTable(app, appRows, budget));
      const check = checkTargets(app, appRows, budget);
      if (check) checks.push(check);
    }
  } finally {
    await server?.stop();
  }
  const out = [
    `## Exploration bench (${new Date().toISOString().slice(0, 10)}; budget ${budget} actions; random seeds ${seeds.join(',')}; ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    '',
    '"actions to all evidence": actions until every clause verdict equals its final value (mean, range over seeds). "states @N": distinct states seen within the first N actions.',
    '',
    ...tables.flatMap((t) => [t, '']),
    '### Targets',
    '',
    targetsTable(checks),
    '',
  ].join('\n');
  process.stdout.write(out);
  if (args.json) writeFileSync(args.json, JSON.stringify({ budget, seeds, rows, checks }, null, 2));
}

await main();
