import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { exploreApp } from '../../bench/lib/explore-run.ts';
import { runDetectors } from '../../detectors/run.ts';
import { signatureOf, stateHash } from '../../crawlers/state-key.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';

// The replay driver in this process instead of an Appium server (test/helpers/in-process-session.ts).
vi.mock('../../src/device/session.ts', () => import('../helpers/in-process-session.ts'));

/**
 * No budget burnt in a loop: each loop fixture (test/fixtures/apps/loops.ts) against its
 * loop-free twin, crawled through Appium and the replay driver. The looping app must come out
 * explored, see every screen of the app its twin sees, give the same verdicts, and take at most
 * twice the actions.
 */
const dir = (name: string) => path.join(FIXTURES, 'apps', name);
const crawlOf = (name: string) => exploreApp({ appiumUrl: IN_PROCESS_URL, dir: dir(name), strategy: 'targeted', maxActions: 600 });
const appStates = (r: Awaited<ReturnType<typeof crawlOf>>) =>
  new Set(r.observation.screens.filter((s) => s.inApp && r.states.includes(s.state)).map((s) => stateHash(signatureOf(s.snapshot, s))));

describe.each(['loop-permission', 'loop-tabs', 'loop-dialog'])('%s', (name) => {
  it('finishes explored in at most twice the actions of its loop-free twin, seeing what the twin sees', async () => {
    const [loop, twin] = [await crawlOf(name), await crawlOf(`${name}-free`)];
    expect(twin.stopReason).toBe('explored');
    expect(loop.stopReason).toBe('explored');
    expect(loop.observation.coverage).toMatchObject({ walls: [], actionsLeft: 0 });
    expect(loop.observation.actions.length, `${loop.observation.actions.length} vs ${twin.observation.actions.length}`).toBeLessThanOrEqual(2 * twin.observation.actions.length);
    const [l, t] = [appStates(loop), appStates(twin)];
    for (const h of t) expect(l.has(h), 'a screen of the twin was not reached').toBe(true);
    const expected = JSON.parse(readFileSync(path.join(dir(name), 'expected.json'), 'utf8')).clauses as Record<string, string>;
    const verdicts = Object.fromEntries(runDetectors(loop.observation).filter((c) => c.clause in expected).map((c) => [c.clause, c.verdict]));
    expect(verdicts).toEqual(expected);
  });
});
