import type { MethodMap } from '@appium/types';
import type { ReplayDriver } from './driver.ts';

/**
 * Driver-specific routes, as UiAutomator2 (via appium-android-driver) declares them, for clients
 * that call the endpoints rather than the `mobile:` execute methods.
 */
export const NEW_METHOD_MAP = {
  '/session/:sessionId/appium/device/current_activity': { GET: { command: 'getCurrentActivity' } },
  '/session/:sessionId/appium/device/current_package': { GET: { command: 'getCurrentPackage' } },
  '/session/:sessionId/appium/device/press_keycode': {
    POST: { command: 'pressKeyCode', payloadParams: { required: ['keycode'], optional: ['metastate', 'flags'] } },
  },
  '/session/:sessionId/appium/device/keyevent': {
    POST: { command: 'keyevent', payloadParams: { required: ['keycode'], optional: ['metastate'] } },
  },
} as const satisfies MethodMap<ReplayDriver>;
