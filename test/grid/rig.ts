/**
 * A Selenium Grid 4 lab on loopback for one test file or bench run: a hub and relay nodes, each
 * relaying to an Appium server the caller started (replay driver, or the UiAutomator2 driver over
 * simulated devices). Start-up is bounded; a failed start tears down what did start; `stop()`
 * kills every JVM's process group and checks that no Java process of ours is left.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/appium/ports.ts';
import { androidStereotype, gridJar, hubArgs, relayNodeToml } from './grid-config.ts';
import { pidAlive, startJava, waitStatus, type JavaServer } from './java-process.ts';

export interface RigNodeSpec {
  name: string;
  /** The Appium server this node relays to. */
  appiumUrl: string;
  automationName: 'UiAutomator2' | 'Replay';
  /** One slot per device. */
  udids: string[];
}

export interface RigNode {
  spec: RigNodeSpec;
  port: number;
  url: string;
  toml: string;
  java: JavaServer;
}

export interface GridRigOptions {
  nodes: RigNodeSpec[];
  /** Grid's `session-request-timeout` (s): how long a request may wait for a free slot. */
  sessionRequestTimeoutSeconds?: number;
  /** Deadline for the hub and all nodes to be up and registered (default 90 s). */
  startTimeoutMs?: number;
  logDir?: string;
}

export class GridRig {
  readonly nodes: RigNode[] = [];
  private hub?: JavaServer;
  private readonly everyPid: number[] = [];

  private constructor(
    readonly dir: string,
    readonly hubPort: number,
    private readonly publishPort: number,
    private readonly subscribePort: number,
    private readonly o: GridRigOptions,
  ) {}

  get hubUrl(): string {
    return `http://127.0.0.1:${this.hubPort}`;
  }

  static async start(o: GridRigOptions): Promise<GridRig> {
    const dir = mkdtempSync(path.join(tmpdir(), 'govapp-grid-'));
    const rig = new GridRig(dir, await freePort(), await freePort(), await freePort(), o);
    try {
      await rig.startHub();
      for (const spec of o.nodes) await rig.startNode(spec);
      await rig.waitRegistered(o.startTimeoutMs ?? 90_000);
    } catch (e) {
      await rig.stop().catch(() => undefined);
      throw e;
    }
    return rig;
  }

  private log(name: string): string {
    return path.join(this.o.logDir ?? 'test-artifacts', `grid-${path.basename(this.dir)}-${name}.log`);
  }

  hubCommandArgs(): string[] {
    return hubArgs({
      port: this.hubPort,
      host: '127.0.0.1',
      publishPort: this.publishPort,
      subscribePort: this.subscribePort,
      sessionRequestTimeoutSeconds: this.o.sessionRequestTimeoutSeconds ?? 300,
      healthcheckSeconds: 5,
    });
  }

  private async startHub(): Promise<void> {
    this.hub = await startJava('hub', this.hubUrl, gridJar().path, this.hubCommandArgs(), this.log('hub'));
    this.everyPid.push(this.hub.javaPid);
    await waitStatus(this.hub, (b) => b?.value !== undefined, this.o.startTimeoutMs ?? 90_000);
  }

  private async startNode(spec: RigNodeSpec, port?: number): Promise<RigNode> {
    port ??= await freePort();
    const toml = relayNodeToml({
      port,
      host: '127.0.0.1',
      events: { publish: `tcp://127.0.0.1:${this.publishPort}`, subscribe: `tcp://127.0.0.1:${this.subscribePort}` },
      appiumUrl: spec.appiumUrl,
      stereotypes: spec.udids.map((u) => androidStereotype(spec.automationName, u)),
      heartbeatSeconds: 5,
    });
    const file = path.join(this.dir, `node-${spec.name}.toml`);
    writeFileSync(file, toml);
    const java = await startJava(`node ${spec.name}`, `http://127.0.0.1:${port}`, gridJar().path, ['node', '--config', file], this.log(`node-${spec.name}`));
    this.everyPid.push(java.javaPid);
    const node = { spec, port, url: java.url, toml, java };
    const i = this.nodes.findIndex((n) => n.spec.name === spec.name);
    if (i >= 0) this.nodes[i] = node;
    else this.nodes.push(node);
    return node;
  }

  /** The hub's /status lists every running node as UP with all its slots. */
  async waitRegistered(timeoutMs = 90_000): Promise<void> {
    const want = this.nodes.filter((n) => n.java.isRunning()).map((n) => n.port);
    await waitStatus(
      this.hub!,
      (b) => {
        const nodes: any[] = b?.value?.nodes ?? [];
        return b?.value?.ready === true && want.every((p) => nodes.some((n) => n.availability === 'UP' && new URL(n.uri).port === String(p)));
      },
      timeoutMs,
    );
  }

  /** Sessions the hub has on each node right now (for the tests' "which node ran it"). */
  async sessionsPerNode(): Promise<Map<string, number>> {
    const body: any = await (await fetch(new URL('/status', this.hubUrl))).json();
    const out = new Map<string, number>();
    for (const n of body.value.nodes ?? []) {
      const node = this.nodes.find((x) => new URL(n.uri).port === String(x.port));
      if (node) out.set(node.spec.name, (n.slots ?? []).filter((s: any) => s.session).length);
    }
    return out;
  }

  /** Session requests waiting in Grid's queue now (its GraphQL `sessionQueueSize`). */
  async queueSize(): Promise<number> {
    const res = await fetch(new URL('/graphql', this.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ query: '{ grid { sessionQueueSize } }' }),
    });
    return ((await res.json()) as { data: { grid: { sessionQueueSize: number } } }).data.grid.sessionQueueSize;
  }

  /** Kills one node's JVM (its Appium server is the caller's). */
  async killNode(name: string): Promise<void> {
    await this.nodes.find((n) => n.spec.name === name)!.java.kill();
  }

  /** Starts a killed node again on its port and waits until the hub lists it. */
  async restartNode(name: string): Promise<void> {
    const n = this.nodes.find((x) => x.spec.name === name)!;
    await n.java.kill();
    await this.startNode(n.spec, n.port);
    await this.waitRegistered(this.o.startTimeoutMs ?? 90_000);
  }

  /** Kills the hub and starts it again on the same ports; resolves when its nodes are back. */
  async restartHub(timeoutMs = 90_000): Promise<void> {
    await this.hub!.kill();
    await this.startHub();
    await this.waitRegistered(timeoutMs);
  }

  /** Pids of every JVM this rig started that is still alive (empty after `stop()`). */
  liveJava(): number[] {
    return this.everyPid.filter(pidAlive);
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.java.kill()));
    await this.hub?.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
