/**
 * WebdriverIO config for the reproduction specs a bundle carries (`<bundle>/repro/<clause>.spec.ts`):
 *
 *   npx wdio run wdio.conf.ts --spec <bundle>/repro/4.1.1.spec.ts
 *
 * Target, by environment:
 * - default: the replay driver serving the spec's own bundle (its app.json + states/ recording), or
 *   the app-graph directory in `GOVAPP_APP`;
 * - `GOVAPP_UDID` (+ `GOVAPP_PACKAGE`): a real device or emulator through UiAutomator2;
 * - `GOVAPP_APPIUM_URL`: use that Appium server (a lab's, a Grid) instead of starting our own.
 * Our own Appium is started in onPrepare with `startAppium()`, so it finds the drivers of this package.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './src/appium/ports.ts';
import { startAppium, type AppiumServer } from './src/appium/server.ts';
import { buildCapabilities, type Capabilities } from './src/device/capabilities.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
/** Settings from the environment; empty means unset. */
const env = new Proxy(process.env, { get: (e, k: string) => e[k] || undefined });

// Workers are forked from the launcher and re-read this file: the port chosen here reaches them through the environment.
if (!env.GOVAPP_WDIO_APPIUM_PORT) process.env.GOVAPP_WDIO_APPIUM_PORT = String(await freePort());
const appiumUrl = new URL(env.GOVAPP_APPIUM_URL ?? `http://127.0.0.1:${env.GOVAPP_WDIO_APPIUM_PORT}/`);
const ownAppium = !env.GOVAPP_APPIUM_URL;

/** The app-graph directory to replay for a spec: GOVAPP_APP, else the bundle holding `repro/`. */
function replayDir(spec: string | undefined): string {
  if (env.GOVAPP_APP) return path.resolve(env.GOVAPP_APP);
  if (spec) {
    const file = spec.startsWith('file:') ? fileURLToPath(spec) : spec;
    const bundle = path.resolve(path.dirname(file), '..');
    if (existsSync(path.join(bundle, 'app.json'))) return bundle;
  }
  throw new Error(`no app-graph to replay for ${spec ?? 'this run'}: the spec is not inside a bundle with app.json; set GOVAPP_APP, or GOVAPP_UDID for a device`);
}

function capabilitiesFor(spec: string | undefined): Capabilities {
  if (env.GOVAPP_UDID) {
    if (!env.GOVAPP_PACKAGE) throw new Error('GOVAPP_UDID needs GOVAPP_PACKAGE (the app to launch on the device)');
    return buildCapabilities({ kind: 'package', package: env.GOVAPP_PACKAGE }, { udid: env.GOVAPP_UDID });
  }
  return buildCapabilities({ kind: 'app-graph', dir: replayDir(spec), package: env.GOVAPP_PACKAGE ?? '' });
}

let server: AppiumServer | undefined;

export const config: WebdriverIO.Config = {
  runner: 'local',
  specs: [],
  maxInstances: 1,
  protocol: appiumUrl.protocol.replace(':', '') as 'http' | 'https',
  hostname: appiumUrl.hostname,
  port: Number(appiumUrl.port || (appiumUrl.protocol === 'https:' ? 443 : 80)),
  path: appiumUrl.pathname || '/',
  // Replaced per spec in beforeSession, once the spec (and so its bundle) is known.
  capabilities: [{ platformName: 'Android', 'appium:automationName': env.GOVAPP_UDID ? 'UiAutomator2' : 'Replay' } as WebdriverIO.Capabilities],
  logLevel: (env.GOVAPP_WDIO_LOG_LEVEL as WebdriverIO.Config['logLevel']) ?? 'warn',
  outputDir: env.GOVAPP_WDIO_OUTPUT_DIR,
  waitforTimeout: 20_000,
  connectionRetryTimeout: 240_000,
  connectionRetryCount: 0,
  framework: 'mocha',
  reporters: ['spec'],
  autoXvfb: false,
  mochaOpts: { ui: 'bdd', timeout: 180_000 },

  async onPrepare() {
    if (!ownAppium) return;
    server = await startAppium({
      port: Number(env.GOVAPP_WDIO_APPIUM_PORT),
      logFile: path.join(ROOT, 'test-artifacts', 'wdio-appium.log'),
      logLevel: 'info',
    });
  },

  async onComplete() {
    await server?.stop();
  },

  beforeSession(_config, capabilities, specs) {
    const caps = capabilitiesFor(specs[0]);
    const target = capabilities as Record<string, unknown>;
    for (const key of Object.keys(target)) delete target[key];
    Object.assign(target, caps);
  },
};
