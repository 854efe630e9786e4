import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BadInputError, GovappError } from '../errors.ts';

/**
 * An APK for an Appium server on another host (a lab server, a Grid 4 node, a device farm):
 * that host cannot read a path on ours, so the file is served over HTTP for the session start
 * and `appium:app` is its URL (Appium downloads app URLs itself). The server listens only on the
 * address through which this host reaches the Appium server, serves only this one file under an
 * unguessable path, and is closed once the session has started.
 */
export interface ServedApk {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i;

/** Whether an Appium URL names this machine (its APK paths are then readable as they are). */
export function isLocalAppium(appiumUrl: string): boolean {
  return LOOPBACK.test(new URL(appiumUrl).hostname);
}

/** The local address this host uses to reach `host:port` (the one the Appium host can reach back). */
export function localAddressToward(host: string, port: number, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port, timeout: timeoutMs });
    s.once('connect', () => {
      const addr = s.localAddress;
      s.destroy();
      if (addr) resolve(addr);
      else reject(new Error('no local address'));
    });
    s.once('timeout', () => s.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    s.once('error', reject);
  });
}

export async function serveApk(apk: string, appiumUrl: string, opts: { bindAddress?: string } = {}): Promise<ServedApk> {
  const file = path.resolve(apk);
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch (e) {
    throw new BadInputError('BAD_ARGUMENT', `--app ${apk}: cannot read the APK: ${(e as Error).message}`, { cause: e });
  }
  const u = new URL(appiumUrl);
  const bind = opts.bindAddress ?? (await localAddressToward(u.hostname, Number(u.port || (u.protocol === 'https:' ? 443 : 80))).catch((e) => {
    throw new GovappError('APPIUM_UNREACHABLE', `cannot reach ${appiumUrl} to serve the APK to it: ${(e as Error).message}`, { cause: e });
  }));
  const route = `/${randomBytes(16).toString('hex')}/${encodeURIComponent(path.basename(file))}`;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return res.writeHead(405).end();
    if (req.url !== route) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/vnd.android.package-archive', 'content-length': size });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, bind, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = bind.includes(':') ? `[${bind}]` : bind;
  return {
    url: `http://${host}:${port}${route}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
