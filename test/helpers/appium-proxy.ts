import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'freeze' | 'reset';

/**
 * An HTTP proxy in front of a real Appium server that can turn hostile mid-crawl: `freeze` accepts
 * requests and never answers (a hung server or device), `reset` drops every connection (a killed
 * server). `delayMs` slows every answer (to interrupt a crawl reliably). `onRequest` may switch modes.
 */
export async function appiumProxy(target: string, opts: { delayMs?: number; onRequest?: (method: string, url: string, proxy: AppiumProxy) => void } = {}) {
  const upstream = new URL(target);
  const held: http.ServerResponse[] = [];
  const proxy: AppiumProxy = { mode: 'pass' as ProxyMode, url: '', requests: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    proxy.requests++;
    opts.onRequest?.(req.method ?? 'GET', req.url ?? '/', proxy);
    if (proxy.mode === 'freeze') {
      held.push(res); // never answered
      return;
    }
    if (proxy.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const up = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
        const body: Buffer[] = [];
        ur.on('data', (c) => body.push(c));
        ur.on('end', () =>
          setTimeout(() => {
            if (proxy.mode === 'freeze') return void held.push(res);
            res.writeHead(ur.statusCode ?? 502, ur.headers);
            res.end(Buffer.concat(body));
          }, opts.delayMs ?? 0),
        );
      });
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    for (const r of held) r.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return proxy;
}

export interface AppiumProxy {
  mode: ProxyMode;
  url: string;
  requests: number;
  close(): Promise<void>;
}
