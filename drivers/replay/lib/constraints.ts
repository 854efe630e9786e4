import type { Constraints, DriverCaps, W3CDriverCaps } from '@appium/types';

/** Capabilities the replay driver reads: `appium:app` is the app-graph/1 directory (or its app.json). */
export const desiredCapConstraints = {
  platformName: { presence: true, isString: true, inclusionCaseInsensitive: ['Android'] },
  app: { presence: true, isString: true },
  // Accepted so that capabilities written for UiAutomator2 also open a replay session.
  udid: { isString: true },
  appPackage: { isString: true },
  appActivity: { isString: true },
} as const satisfies Constraints;

export type ReplayConstraints = typeof desiredCapConstraints;
export type ReplayCaps = DriverCaps<ReplayConstraints>;
export type W3CReplayCaps = W3CDriverCaps<ReplayConstraints>;
