import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { isAppiumUp, startAppium, waitForAppium, type AppiumServer, type StartAppiumOptions } from '../src/appium/server.ts';
import { gridStatus } from '../src/device/grid-queue.ts';
import type { DeviceSlot, Lease } from './pool.ts';

type Start = (opts: StartAppiumOptions) => Promise<AppiumServer>;

/** How long a lease waits for a Grid hub that stopped answering `/status` (default 2 minutes). */
export const REMOTE_WAIT_MS = 120_000;

/**
 * Local Appium servers for the devices that name none (replay devices, or emulators on this host
 * when neither devices.yaml nor `--appium-url` names a server): one server per device up to
 * `maxServers` (default: one per CPU), beyond that devices share them round-robin, several
 * sessions per server. Separate processes keep one device's crawl from stalling another's; more
 * processes than CPUs only cost start-up time and memory. A server of ours found dead before a
 * lease is restarted on its port.
 */
export class LocalServers {
  /** Server key (`local-<n>`) → server; slot id → server key. */
  private readonly servers = new Map<string, AppiumServer>();
  private readonly slotServer = new Map<string, string>();
  private readonly restarting = new Map<string, Promise<boolean>>();
  private readonly revivals = new Map<string, number>();
  /** URLs that answered as a Selenium Grid (their `/status` lists nodes). */
  private readonly hubs = new Set<string>();

  private constructor(
    private readonly logDir: string,
    private readonly log: Logger,
    private readonly start: Start,
    private readonly maxRevivals: number,
    private readonly remoteWaitMs: number,
  ) {}

  /** Starts a server for every slot without `appiumUrl` and fills it in. */
  static async startFor(
    slots: DeviceSlot[],
    opts: { logDir: string; log: Logger; start?: Start; maxRevivals?: number; maxServers?: number; remoteWaitMs?: number },
  ): Promise<LocalServers> {
    const ls = new LocalServers(opts.logDir, opts.log, opts.start ?? startAppium, opts.maxRevivals ?? 3, opts.remoteWaitMs ?? REMOTE_WAIT_MS);
    const todo = slots.filter((s) => !s.appiumUrl);
    const n = Math.min(todo.length, Math.max(1, opts.maxServers ?? os.availableParallelism()));
    try {
      const started = await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const key = `local-${i + 1}`;
          const server = await ls.start({ logFile: ls.logFile(key), logLevel: 'info' });
          ls.servers.set(key, server);
          ls.log.info({ server: key, url: server.url }, 'local Appium server started');
          return { key, server };
        }),
      );
      todo.forEach((slot, i) => {
        const { key, server } = started[i % n];
        ls.slotServer.set(slot.id, key);
        slot.appiumUrl = server.url;
      });
    } catch (e) {
      await ls.stopAll();
      throw e;
    }
    return ls;
  }

  get count(): number {
    return this.servers.size;
  }

  /**
   * For the runner: is the lease's server answering? Ours are restarted (a few times) when not. A
   * Selenium Grid hub seen earlier in the batch (being restarted, or its nodes re-registering) is
   * waited for up to `remoteWaitMs` before the lease counts as failed; other servers fail at once.
   */
  preflight = async (lease: Lease): Promise<boolean> => {
    const url = lease.appiumUrl;
    if (await isAppiumUp(url)) {
      if (!this.hubs.has(url) && !this.slotServer.has(lease.slot.id) && (await gridStatus(url))) this.hubs.add(url);
      return true;
    }
    const key = this.slotServer.get(lease.slot.id);
    if (!key) {
      if (!this.hubs.has(url)) return false;
      this.log.warn({ url, device: lease.slot.id, waitMs: this.remoteWaitMs }, 'Grid hub not answering (or not ready); waiting for it');
      return waitForAppium(url, this.remoteWaitMs);
    }
    // Devices sharing a server share one restart.
    let p = this.restarting.get(key);
    if (!p) {
      p = this.restart(key, lease.appiumUrl).finally(() => this.restarting.delete(key));
      this.restarting.set(key, p);
    }
    return p;
  };

  private async restart(key: string, url: string): Promise<boolean> {
    const n = this.revivals.get(key) ?? 0;
    const old = this.servers.get(key);
    if (!old || n >= this.maxRevivals) return false;
    this.revivals.set(key, n + 1);
    this.log.warn({ server: key, url, revival: n + 1 }, 'local Appium server is gone; restarting it');
    await old.stop().catch(() => undefined);
    try {
      this.servers.set(key, await this.start({ port: Number(new URL(url).port), logFile: this.logFile(key), logLevel: 'info' }));
      return true;
    } catch (err) {
      this.log.error({ server: key, err }, 'could not restart the local Appium server');
      return false;
    }
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.stop().catch(() => undefined)));
    this.servers.clear();
  }

  private logFile(key: string): string {
    return path.join(this.logDir, `appium-${key}.log`);
  }
}
