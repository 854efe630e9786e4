/** App lifecycle and hardware keys. */
import { errors } from '@appium/base-driver';
import type { ReplayDriver } from '../driver.ts';

const KEYCODE_HOME = 3;
const KEYCODE_BACK = 4;
const KEYCODE_DEL = 67;

function assertInstalled(driver: ReplayDriver, appId: string): void {
  if (driver.runtime.appState(appId) === 0) throw new errors.InvalidArgumentError(`app ${appId} is not installed on this replayed device`);
}

/** Launches the app with its stack back at `[start]` unless it is already in the foreground. */
export async function activateApp(this: ReplayDriver, appId: string): Promise<void> {
  assertInstalled(this, appId);
  this.runtime.activate(appId);
  this.log.info(`activateApp ${appId}: ${this.runtime.currentPackage()} in the foreground`);
}

/**
 * `mobile: deepLink` as UiAutomator2 names it. An app-graph has no notion of links: a link into
 * the replayed package (a quick app's `hap://app/…` in its engine) launches it as activateApp
 * does, so a recording that was opened by a link replays from its start state.
 */
export async function mobileDeepLink(this: ReplayDriver, url: string, pkg: string): Promise<void> {
  assertInstalled(this, pkg);
  this.runtime.activate(pkg);
  this.log.info(`deepLink ${url} in ${pkg}: ${this.runtime.currentPackage()} in the foreground`);
}

export async function terminateApp(this: ReplayDriver, appId: string): Promise<boolean> {
  assertInstalled(this, appId);
  return this.runtime.terminate(appId);
}

export async function mobileTerminateApp(this: ReplayDriver, appId: string): Promise<boolean> {
  return this.terminateApp(appId);
}

/** 0 not installed, 1 not running, 3 in the background, 4 in the foreground. */
export async function queryAppState(this: ReplayDriver, appId: string): Promise<0 | 1 | 3 | 4> {
  return this.runtime.appState(appId);
}

export async function back(this: ReplayDriver): Promise<void> {
  this.runtime.back();
}

/** BACK, HOME and DEL (on the focused field) act; other keys are accepted and change nothing. */
export async function pressKeyCode(this: ReplayDriver, keycode: number | string): Promise<void> {
  const code = Number(keycode);
  if (code === KEYCODE_BACK) this.runtime.back();
  else if (code === KEYCODE_HOME) this.runtime.home();
  else if (code === KEYCODE_DEL) {
    const focused = this.runtime.focused();
    if (focused !== undefined) this.runtime.type(focused, '\uE003', 'append');
  } else this.log.debug(`keycode ${code}: no effect on a replayed app`);
}

export async function keyevent(this: ReplayDriver, keycode: number | string): Promise<void> {
  return this.pressKeyCode(keycode);
}

export async function mobilePressKey(this: ReplayDriver, keycode: number | string, _metastate?: number, _flags?: number, isLongPress?: boolean): Promise<void> {
  if (isLongPress) {
    this.log.debug(`long press of keycode ${keycode}: no effect on a replayed app`);
    return;
  }
  return this.pressKeyCode(keycode);
}

export async function hideKeyboard(this: ReplayDriver): Promise<boolean> {
  return true;
}

/** The soft keyboard counts as shown while an EditText has the focus. */
export async function isKeyboardShown(this: ReplayDriver): Promise<boolean> {
  return this.runtime.focused() !== undefined;
}
