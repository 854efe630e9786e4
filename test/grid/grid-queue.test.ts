/**
 * Session starts on a Grid router whose queue times out: asked again until a slot frees up, and
 * a request no slot could ever take fails at once. A fake router (no Java) plays Grid's answers.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gridCanMatch, isGridTransient, type GridStatus } from '../../src/device/grid-queue.ts';
import { openSession } from '../../src/device/session.ts';

const QUEUE_TIMEOUT = 'Could not start a new session. New session request timed out \nHost info: host: \'vm\'';
const STATUS: GridStatus = {
  ready: true,
  nodes: [{ availability: 'UP', slots: [{ stereotype: { platformName: 'ANDROID', 'appium:automationName': 'Replay', 'appium:udid': 'r1' } }] }],
};

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A router whose first `busy` session requests time out in its queue. */
async function fakeRouter(busy: number, status: GridStatus = STATUS) {
  let posts = 0;
  server = http.createServer((req, res) => {
    const json = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    if (req.method === 'GET' && req.url === '/status') return json(200, { value: status });
    if (req.method === 'POST' && req.url === '/session') {
      req.resume();
      return req.on('end', () => {
        posts++;
        if (posts <= busy) return json(500, { value: { error: 'session not created', message: QUEUE_TIMEOUT, stacktrace: '' } });
        json(200, { value: { sessionId: `s${posts}`, capabilities: { platformName: 'ANDROID', 'appium:automationName': 'Replay' } } });
      });
    }
    json(404, { value: { error: 'unknown command', message: req.url } });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, posts: () => posts };
}

const CAPS = { platformName: 'Android', 'appium:automationName': 'Replay' };

describe('session start on a Grid router', () => {
  it('a queue timeout is asked again, not a failure', async () => {
    const grid = await fakeRouter(2);
    const waits: number[] = [];
    const browser = await openSession({ appiumUrl: grid.url, capabilities: CAPS, onGridWait: (w) => waits.push(w.tries) });
    expect(browser.sessionId).toBe('s3');
    expect(waits).toEqual([1, 2]);
  });

  it('past the wait deadline the queue timeout is the failure', async () => {
    const grid = await fakeRouter(100);
    await expect(openSession({ appiumUrl: grid.url, capabilities: CAPS, gridWaitMs: 1500 })).rejects.toMatchObject({ code: 'SESSION_FAILED' });
    expect(grid.posts()).toBe(2);
  });

  it('a request no registered slot matches is not sent; past the wait it fails naming what was asked', async () => {
    const grid = await fakeRouter(0);
    await expect(openSession({ appiumUrl: grid.url, capabilities: { ...CAPS, 'appium:udid': 'r9' }, gridWaitMs: 1200 })).rejects.toThrow(/no slot of the Grid .* appium:udid r9/);
    expect(grid.posts()).toBe(0);
  });
});

describe('Grid slot matching (DefaultSlotMatcher rules)', () => {
  it('platformName case-insensitively; prefixed capabilities only when the request has them', () => {
    expect(gridCanMatch(STATUS, CAPS)).toBe(true);
    expect(gridCanMatch(STATUS, { ...CAPS, 'appium:udid': 'r1', 'appium:systemPort': 8200 })).toBe(true);
    expect(gridCanMatch(STATUS, { ...CAPS, 'appium:udid': 'r2' })).toBe(false);
    expect(gridCanMatch(STATUS, { ...CAPS, 'appium:automationName': 'UiAutomator2' })).toBe(false);
    expect(gridCanMatch(STATUS, { ...CAPS, platformName: 'iOS' })).toBe(false);
  });

  it('tells a busy Grid from a broken request', () => {
    expect(isGridTransient(QUEUE_TIMEOUT)).toBe(true);
    expect(isGridTransient('WebDriverError: Could not start a new session. Connection error (POST http://127.0.0.1:37227/se/grid/node/session)')).toBe(true);
    expect(isGridTransient('Could not find a driver for automationName \'Nope\'')).toBe(false);
  });
});
