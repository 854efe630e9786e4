import type { Logger } from 'pino';
import { buildCapabilities, type AppTarget, type Capabilities, type DeviceOptions } from '../src/device/capabilities.ts';
import type { Device } from '../src/device/device.ts';
import { isLocalAppium, serveApk } from '../src/device/apk-server.ts';
import { openSession } from '../src/device/session.ts';
import type { RequestClock } from '../src/device/request-clock.ts';
import { WdioDevice } from '../src/device/wdio-device.ts';
import { GovappError } from '../src/errors.ts';
import { HybridDevice, type WebviewStatus } from '../src/web/hybrid-device.ts';
import { openWebDevice, webDeviceOptions } from '../src/web/open-web-device.ts';

export interface OpenedDevice {
  device: Device;
  /** The package (for H5: the app id, origin or file: directory) the crawl is about. */
  appPackage: string;
  /** The capabilities sent, for run.json. */
  capabilities: Capabilities;
  /** What the last page source could do with WebViews (native targets). */
  webviewStatus?: () => WebviewStatus;
}

/**
 * One session for a target: Chromium for an H5 URL; otherwise the replay or UiAutomator2 driver
 * behind a HybridDevice, which merges inspectable WebViews' DOM into the native page source.
 */
export async function openDevice(target: AppTarget, appiumUrl: string, dev: DeviceOptions | undefined, log: Logger, clock?: RequestClock): Promise<OpenedDevice> {
  if (target.kind === 'url') {
    const options = await webDeviceOptions(dev);
    const web = await openWebDevice({ appiumUrl, url: target.url, device: options });
    return { device: web, appPackage: web.appId, capabilities: buildCapabilities(target, options) };
  }
  // An APK path means nothing to an Appium server on another host: serve the file for the session start.
  const served = target.kind === 'apk' && !isLocalAppium(appiumUrl) ? await serveApk(target.apk, appiumUrl) : undefined;
  if (served) log.info({ url: served.url }, 'serving the APK to the remote Appium server');
  const capabilities = buildCapabilities(target, { ...dev, ...(served ? { appUrl: served.url } : {}) });
  const browser = await openSession({ appiumUrl, capabilities, clock }).finally(() => served?.close());
  const caps = browser.capabilities as Record<string, unknown>;
  // UiAutomator2 reads the package from an APK and reports it in the session capabilities.
  const appPackage = ('package' in target && target.package) || String(caps['appium:appPackage'] ?? caps.appPackage ?? '');
  if (!appPackage) {
    await browser.deleteSession().catch(() => undefined);
    throw new GovappError('SESSION_FAILED', `the driver did not report the package of ${target.kind === 'apk' ? target.apk : 'the app'}`);
  }
  const hybrid = new HybridDevice(await WdioDevice.create(browser, log), browser);
  return { device: hybrid, appPackage, capabilities, webviewStatus: () => hybrid.lastWebviewStatus() };
}
