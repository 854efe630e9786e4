/**
 * The simulated emulator host: one HTTP endpoint the fake `adb` forwards every invocation to,
 * the devices it serves (`adb devices`), their port forwards, and for each forward of a device's
 * UiAutomator2 port a listener on 127.0.0.1 that reaches the device's server stand-in while its
 * instrumentation runs (a forward with nothing behind it drops the connection, as adb does).
 */
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpChannel } from './channel.ts';
import { runShell } from './shell.ts';
import { SERVER_DEVICE_PORT, SERVER_PACKAGE, SERVER_TEST_PACKAGE, SimDevice, type SimDeviceOptions } from './sim-device.ts';
import { Uia2Server } from './uia2-server.ts';

export interface SimulatorOptions {
  /** The fake ANDROID_HOME to create (platform-tools/adb, build-tools/…, sim.json). */
  home: string;
  devices: SimDeviceOptions[];
  /** Simulator log lines (commands not understood, crashes, taps …). */
  log?: (line: string) => void;
}

interface Forward {
  server: http.Server;
  sockets: Set<Socket>;
}

const ADB_CLIENT = fileURLToPath(new URL('../bin/adb.mjs', import.meta.url));
export const BUILD_TOOLS_VERSION = '35.0.0';

export class Simulator {
  readonly home: string;
  private readonly devices = new Map<string, SimDevice>();
  private readonly servers = new Map<string, Uia2Server>();
  private readonly listeners = new Map<number, Forward>();
  private http?: http.Server;
  private readonly logLine: (line: string) => void;

  private constructor(opts: SimulatorOptions) {
    this.home = path.resolve(opts.home);
    this.logLine = opts.log ?? (() => {});
    for (const d of opts.devices) this.addDevice(d);
  }

  static async start(opts: SimulatorOptions): Promise<Simulator> {
    const sim = new Simulator(opts);
    await sim.listen();
    return sim;
  }

  /** Environment for an Appium server (or a direct appium-adb user) that should see this simulator. */
  get env(): Record<string, string> {
    return { ANDROID_HOME: this.home, ANDROID_SDK_ROOT: this.home };
  }

  addDevice(opts: SimDeviceOptions): SimDevice {
    const d = new SimDevice(opts, Date.now, this.logLine);
    this.devices.set(d.serial, d);
    this.servers.set(d.serial, new Uia2Server(d));
    return d;
  }

  device(serial: string): SimDevice {
    const d = this.devices.get(serial);
    if (!d) throw new Error(`no simulated device ${serial}`);
    return d;
  }

  /** Every adb command line of one device, for counting round trips. */
  history(serial: string): readonly string[] {
    return this.device(serial).history;
  }

  async stop(): Promise<void> {
    for (const d of this.devices.values()) d.instrumentation?.end(false);
    await Promise.all([...this.listeners.keys()].map((p) => this.unforward(p)));
    if (this.http) {
      this.http.closeAllConnections();
      await new Promise<void>((r) => this.http!.close(() => r()));
      this.http = undefined;
    }
    rmSync(path.join(this.home, 'sim.json'), { force: true });
  }

  private async listen(): Promise<void> {
    this.http = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const { args } = JSON.parse(raw || '{}') as { args: string[] };
        const ch = new HttpChannel(res);
        this.adb(args ?? [], ch).then(
          (code) => ch.end(code),
          (e) => {
            ch.err(`adb: error: ${(e as Error).message}\n`);
            ch.end(1);
          },
        );
      });
    });
    await new Promise<void>((r) => this.http!.listen(0, '127.0.0.1', () => r()));
    const port = (this.http.address() as AddressInfo).port;
    writeSdk(this.home, port);
  }

  /** One `adb …` invocation. */
  private async adb(argv: string[], ch: HttpChannel): Promise<number> {
    const args = [...argv];
    let serial = process.env.ANDROID_SERIAL;
    while (args[0]?.startsWith('-')) {
      const flag = args.shift()!;
      if (flag === '-s') serial = args.shift();
      else if (flag === '-P' || flag === '-H' || flag === '-L') args.shift();
    }
    const [cmd, ...rest] = args;
    switch (cmd) {
      case 'version':
        ch.out('Android Debug Bridge version 1.0.41\nVersion 35.0.2-simulated\nInstalled as ' + path.join(this.home, 'platform-tools', 'adb') + '\n');
        return 0;
      case 'start-server':
      case 'kill-server':
      case 'reconnect':
        return 0;
      case 'devices': {
        const online = [...this.devices.values()].filter((d) => d.online);
        const long = rest.includes('-l');
        ch.out('List of devices attached\n' + online.map((d) => `${d.serial}\tdevice${long ? ` product:sdk_gphone64_x86_64 model:${d.props['ro.product.model']} device:emu64xa transport_id:1` : ''}\n`).join('') + '\n');
        return 0;
      }
    }
    const d = serial ? this.devices.get(serial) : [...this.devices.values()].find((x) => x.online);
    if (!d || !d.online) {
      ch.err(`adb: device '${serial ?? ''}' not found\n`);
      return 1;
    }
    d.history.push(args.join(' '));
    this.countFaults(d);
    if (!d.online) {
      ch.err(`adb: device '${d.serial}' not found\n`);
      return 1;
    }
    switch (cmd) {
      case 'wait-for-device':
      case 'root':
      case 'unroot':
      case 'push':
      case 'pull':
      case 'emu':
      case 'reverse':
        return 0;
      case 'get-state':
        ch.out('device\n');
        return 0;
      case 'get-serialno':
        ch.out(d.serial + '\n');
        return 0;
      case 'forward':
        return this.forward(d, rest, ch);
      case 'install':
      case 'install-multiple':
        return this.install(d, rest, ch);
      case 'uninstall': {
        const ok = d.uninstall(rest.filter((a) => !a.startsWith('-')).at(-1) ?? '');
        ch.out(ok ? 'Success\n' : 'Failure [DELETE_FAILED_INTERNAL_ERROR]\n');
        return 0;
      }
      case 'logcat':
        if (rest.includes('-c') || rest.includes('-d')) return 0;
        // The driver's logcat capture: a first line (the driver waits for one), then open until killed.
        ch.out('--------- beginning of main\n');
        await ch.closed;
        return 0;
      case 'shell': {
        await d.delay(d.profile.latency.shell);
        const line = rest.join(' ');
        const r = await runShell(line, { device: d, channel: ch, instrument: () => this.instrument(d, ch) });
        ch.out(r.out ?? '');
        ch.err(r.err ?? '');
        return r.code ?? 0;
      }
      default:
        this.logLine(`[${d.serial}] unknown adb command: ${args.join(' ')}`);
        ch.err(`adb: unknown command ${cmd}\n`);
        return 1;
    }
  }

  private countFaults(d: SimDevice): void {
    const v = d.profile.faults.vanishAfterRequests;
    if (v !== undefined && d.serverRequests >= v && d.online) {
      d.online = false;
      d.instrumentation?.end(true);
      this.logLine(`[${d.serial}] fault: device vanished from adb devices`);
    }
  }

  private install(d: SimDevice, args: string[], ch: HttpChannel): number {
    const file = args.filter((a) => !a.startsWith('-')).at(-1) ?? '';
    const base = path.basename(file);
    if (/appium-uiautomator2-server-debug-androidTest/.test(base)) d.opaque.set(SERVER_TEST_PACKAGE, { versionName: '1.0', versionCode: 1 });
    else if (/appium-uiautomator2-server-v([\d.]+)\.apk$/.test(base)) d.opaque.set(SERVER_PACKAGE, { versionName: /v([\d.]+)\.apk$/.exec(base)![1], versionCode: 1 });
    else if (/settings.*\.apk$/i.test(base)) d.opaque.set('io.appium.settings', { versionName: '99.0.0', versionCode: 99 });
    else {
      this.logLine(`[${d.serial}] install of an unknown package file: ${file}`);
      ch.out('Performing Streamed Install\n');
      ch.err('adb: failed to install: Failure [INSTALL_FAILED_INVALID_APK: simulated devices install app-graph directories only]\n');
      return 1;
    }
    ch.out('Performing Streamed Install\nSuccess\n');
    return 0;
  }

  private async forward(d: SimDevice, args: string[], ch: HttpChannel): Promise<number> {
    if (args[0] === '--list') {
      ch.out([...d.forwards].map(([h, p]) => `${d.serial} tcp:${h} tcp:${p}\n`).join(''));
      return 0;
    }
    if (args[0] === '--remove') {
      const host = Number(args[1]?.replace('tcp:', ''));
      d.forwards.delete(host);
      await this.unforward(host);
      return 0;
    }
    if (args[0] === '--remove-all') {
      for (const h of d.forwards.keys()) await this.unforward(h);
      d.forwards.clear();
      return 0;
    }
    const host = Number(args.at(-2)?.replace('tcp:', ''));
    const remote = Number(args.at(-1)?.replace('tcp:', ''));
    if (!host || !remote) {
      ch.err(`adb: error: cannot parse forward ${args.join(' ')}\n`);
      return 1;
    }
    d.forwards.set(host, remote);
    if (remote === SERVER_DEVICE_PORT && !this.listeners.has(host)) await this.bindForward(d, host, ch);
    return 0;
  }

  private async bindForward(d: SimDevice, host: number, ch: HttpChannel): Promise<void> {
    const sockets = new Set<Socket>();
    const server = http.createServer((req, res) => {
      // Nothing listening on the device side: adb accepts, then drops the connection.
      if (!d.instrumentation || !d.online) return req.socket.destroy();
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        const crashAfter = d.profile.faults.crashServerAfterRequests;
        if (req.url !== '/status' && !req.url?.endsWith('/session')) d.serverRequests++;
        if (crashAfter !== undefined && d.serverRequests > crashAfter) {
          this.logLine(`[${d.serial}] fault: UiAutomator2 server crashed`);
          d.instrumentation?.end(true);
          return req.socket.destroy();
        }
        this.countFaults(d);
        if (!d.online) return req.socket.destroy();
        let body: Record<string, unknown> = {};
        try {
          body = raw ? JSON.parse(raw) : {};
        } catch {
          /* a body that is not JSON is ignored, as the server's route handlers do */
        }
        const reply = await this.servers.get(d.serial)!.handle(req.method ?? 'GET', req.url ?? '/', body);
        if (!d.instrumentation) return req.socket.destroy();
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(reply.body));
      });
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(host, '127.0.0.1', () => resolve());
      });
    } catch (e) {
      ch.err(`adb: error: cannot bind listener: ${(e as Error).message}\n`);
      throw e;
    }
    this.listeners.set(host, { server, sockets });
  }

  private async unforward(host: number): Promise<void> {
    const f = this.listeners.get(host);
    if (!f) return;
    this.listeners.delete(host);
    for (const s of f.sockets) s.destroy();
    await new Promise<void>((r) => f.server.close(() => r()));
  }

  /** `am instrument -w` of the server: runs until force-stopped, killed or crashed. */
  private instrument(d: SimDevice, ch: HttpChannel): Promise<string> {
    d.instrumentation?.end(false);
    return new Promise<string>((resolve) => {
      let ended = false;
      const end = (crashed: boolean) => {
        if (ended) return;
        ended = true;
        if (d.instrumentation?.channel === ch) d.instrumentation = undefined;
        resolve(
          crashed
            ? `\nio.appium.uiautomator2.server.test.AppiumUiAutomator2Server:\nINSTRUMENTATION_RESULT: shortMsg=Process crashed.\nINSTRUMENTATION_CODE: 0\n`
            : `\nio.appium.uiautomator2.server.test.AppiumUiAutomator2Server:.\nTime: 1.0\n\nOK (1 test)\n\nINSTRUMENTATION_CODE: -1\n`,
        );
      };
      d.instrumentation = { channel: ch, end };
      ch.closed.then(() => end(false));
      this.logLine(`[${d.serial}] UiAutomator2 server started`);
    });
  }
}

/** Writes the fake SDK: `platform-tools/adb` (a wrapper around bin/adb.mjs) and sim.json (the port). */
function writeSdk(home: string, port: number): void {
  const tools = path.join(home, 'platform-tools');
  mkdirSync(tools, { recursive: true });
  mkdirSync(path.join(home, 'build-tools', BUILD_TOOLS_VERSION), { recursive: true });
  mkdirSync(path.join(home, 'platforms', 'android-34'), { recursive: true });
  const adb = path.join(tools, 'adb');
  writeFileSync(adb, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(ADB_CLIENT)} ${JSON.stringify(home)} "$@"\n`);
  chmodSync(adb, 0o755);
  writeFileSync(path.join(home, 'sim.json'), JSON.stringify({ port, pid: process.pid }) + '\n');
}
