import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { findingsSchema } from '../../src/findings/schema.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { parseJsonLines } from '../../src/fs/atomic.ts';
import { REPO, sampleApp } from '../helpers/paths.ts';

const screensIn = (out: string): number => {
  try {
    return JSON.parse(readFileSync(path.join(out, 'screens.json'), 'utf8')).length;
  } catch {
    return 0;
  }
};

describe('a crawl killed mid-way', () => {
  it('leaves a valid partial bundle: findings (stopReason error), a replayable recording, the action log', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-kill-')), 'bundle');
    const child = spawn(process.execPath, [path.join(REPO, 'bin/govapp.js'), 'crawl', '--app', sampleApp('study-portal'), '--out', out, '--ocr', 'off', '--appium-url', inject('appiumUrl')], {
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.on('exit', r));
    const deadline = Date.now() + 60_000;
    while (screensIn(out) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    expect(screensIn(out)).toBeGreaterThanOrEqual(4);
    const findings = JSON.parse(readFileSync(path.join(out, 'findings.json'), 'utf8'));
    expect(findingsSchema.safeParse(findings).success).toBe(true);
    expect(findings.run.stopReason).toBe('error');
    expect(findings.run.partial).toBe(true);
    // The recording may lag screens.json by the one screen being written when the crawl died.
    const { graph } = loadAppGraph(out);
    expect(graph.states.length).toBeGreaterThanOrEqual(screensIn(out) - 1);
    const actions = parseJsonLines(readFileSync(path.join(out, 'crawl.jsonl'), 'utf8'));
    expect(actions.length).toBeGreaterThan(0);
    expect(existsSync(path.join(out, 'states/s1.png'))).toBe(true);
  });
});
