import http from 'node:http';
import { freePort } from '../../src/appium/ports.ts';
import { describe, expect, it } from 'vitest';
import type { AppiumServer, StartAppiumOptions } from '../../src/appium/server.ts';
import { LocalServers } from '../../batch/local-servers.ts';
import type { DeviceSlot, Lease } from '../../batch/pool.ts';
import { silentLogger } from '../../src/log.ts';

/** A start() that hands out fake servers on unused ports (nothing listens: isAppiumUp is false). */
function fakeStart() {
  const started: StartAppiumOptions[] = [];
  let stopped = 0;
  let port = 1;
  const start = async (o: StartAppiumOptions): Promise<AppiumServer> => {
    started.push(o);
    const p = o.port ?? port++;
    return { url: `http://127.0.0.1:${p}`, port: p, stop: async () => void stopped++ };
  };
  return { start, started, stopped: () => stopped };
}

const slots = (n: number): DeviceSlot[] => Array.from({ length: n }, (_, i) => ({ id: `replay-${i + 1}`, device: {} }));
const lease = (slot: DeviceSlot): Lease => ({ slot, appiumUrl: slot.appiumUrl!, device: slot.device, n: 1 });

describe('LocalServers', () => {
  it('starts at most maxServers and shares them round-robin; devices with a URL are left alone', async () => {
    const f = fakeStart();
    const s = [...slots(5), { id: 'lab', appiumUrl: 'http://lab:4723', device: {} }];
    const ls = await LocalServers.startFor(s, { logDir: '/tmp/x', log: silentLogger, start: f.start, maxServers: 2 });
    expect(ls.count).toBe(2);
    expect(s.map((x) => x.appiumUrl)).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:1', 'http://127.0.0.1:2', 'http://127.0.0.1:1', 'http://lab:4723']);
    expect(f.started.map((o) => o.logFile)).toEqual(['/tmp/x/appium-local-1.log', '/tmp/x/appium-local-2.log']);
    await ls.stopAll();
    expect(f.stopped()).toBe(2);
  });

  it('restarts a dead server of ours once for all devices sharing it, and gives up after maxRevivals', async () => {
    const f = fakeStart();
    const s = slots(2);
    const ls = await LocalServers.startFor(s, { logDir: '/tmp/x', log: silentLogger, start: f.start, maxServers: 1, maxRevivals: 1, remoteWaitMs: 0 });
    const [a, b] = await Promise.all([ls.preflight(lease(s[0])), ls.preflight(lease(s[1]))]);
    expect([a, b]).toEqual([true, true]);
    expect(f.started).toHaveLength(2);
    expect(f.started[1].port).toBe(1);
    expect(await ls.preflight(lease(s[0]))).toBe(false);
    expect(await ls.preflight(lease({ id: 'lab', appiumUrl: 'http://127.0.0.1:9', device: {} }))).toBe(false);
  });

  it('waits for a Grid hub seen earlier (being restarted) up to remoteWaitMs; other servers fail at once', async () => {
    const port = await freePort();
    const ls = await LocalServers.startFor([], { logDir: '/tmp/x', log: silentLogger, start: fakeStart().start, remoteWaitMs: 20_000 });
    const hub = lease({ id: 'hub-1', appiumUrl: `http://127.0.0.1:${port}`, device: {} });
    const serve = () => {
      const srv = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":{"ready":true,"nodes":[]}}'));
      srv.listen(port, '127.0.0.1');
      return srv;
    };
    let srv = serve();
    await new Promise((r) => srv.once('listening', r));
    expect(await ls.preflight(hub)).toBe(true);
    await new Promise((r) => srv.close(r));
    // The hub comes back while the lease waits for it.
    const checked = ls.preflight(hub);
    setTimeout(() => (srv = serve()), 1500);
    try {
      expect(await checked).toBe(true);
    } finally {
      srv.close();
    }
  });
});
