/** What the screen shows: page source, screenshot, window geometry, contexts, current app. */
import { errors } from '@appium/base-driver';
import type { Rect, Size } from '@appium/types';
import type { ReplayDriver } from '../driver.ts';
import { launcherScreenshot } from '../launcher.ts';
import { renderSource } from '../source-render.ts';

export async function getPageSource(this: ReplayDriver): Promise<string> {
  const view = this.runtime.view();
  this.log.debug(`page source of ${view.stateId ?? 'the launcher'}`);
  return renderSource(view);
}

/** The state's PNG as recorded (base64); the launcher gets a plain screen of the device's size. */
export async function getScreenshot(this: ReplayDriver): Promise<string> {
  const view = this.runtime.view();
  if (view.stateId !== undefined) return this.screens.screenshot(view.stateId);
  this.launcherPng ??= launcherScreenshot(view.width, view.height);
  return this.launcherPng;
}

export async function getWindowRect(this: ReplayDriver): Promise<Rect> {
  const { width, height } = this.app.graph.device;
  return { x: 0, y: 0, width, height };
}

export async function getWindowSize(this: ReplayDriver): Promise<Size> {
  const { width, height } = this.app.graph.device;
  return { width, height };
}

export async function getOrientation(this: ReplayDriver): Promise<string> {
  return this.app.graph.device.width > this.app.graph.device.height ? 'LANDSCAPE' : 'PORTRAIT';
}

export async function getDisplayDensity(this: ReplayDriver): Promise<number> {
  return this.app.graph.device.density ?? 160;
}

export async function getCurrentPackage(this: ReplayDriver): Promise<string> {
  return this.runtime.currentPackage();
}

export async function getCurrentActivity(this: ReplayDriver): Promise<string> {
  return this.runtime.currentActivity();
}

export async function getCurrentContext(this: ReplayDriver): Promise<string> {
  return 'NATIVE_APP';
}

export async function getContexts(this: ReplayDriver): Promise<string[]> {
  return ['NATIVE_APP'];
}

export async function setContext(this: ReplayDriver, name: string): Promise<void> {
  if (name !== 'NATIVE_APP') throw new errors.NoSuchContextError(`a replayed app has only the NATIVE_APP context, not ${name}`);
}
