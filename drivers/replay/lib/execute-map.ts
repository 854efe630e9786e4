import type { ExecuteMethodMap } from '@appium/types';
import type { ReplayDriver } from './driver.ts';

/** `mobile:` execute methods, named and parameterised as in the UiAutomator2 driver. */
export const EXECUTE_METHOD_MAP = {
  'mobile: getCurrentPackage': { command: 'getCurrentPackage' },
  'mobile: getCurrentActivity': { command: 'getCurrentActivity' },
  'mobile: activateApp': { command: 'activateApp', params: { required: ['appId'] } },
  'mobile: terminateApp': { command: 'mobileTerminateApp', params: { required: ['appId'], optional: ['timeout'] } },
  'mobile: deepLink': { command: 'mobileDeepLink', params: { required: ['url', 'package'], optional: ['waitForLaunch'] } },
  'mobile: queryAppState': { command: 'queryAppState', params: { required: ['appId'] } },
  'mobile: pressKey': { command: 'mobilePressKey', params: { required: ['keycode'], optional: ['metastate', 'flags', 'isLongPress', 'source'] } },
  'mobile: clickGesture': { command: 'mobileClickGesture', params: { optional: ['elementId', 'x', 'y'] } },
  'mobile: swipeGesture': {
    command: 'mobileSwipeGesture',
    params: { required: ['direction', 'percent'], optional: ['elementId', 'left', 'top', 'width', 'height', 'speed'] },
  },
  'mobile: scrollGesture': {
    command: 'mobileScrollGesture',
    params: { required: ['direction', 'percent'], optional: ['elementId', 'left', 'top', 'width', 'height', 'speed'] },
  },
  'mobile: type': { command: 'mobileType', params: { required: ['text'] } },
  'mobile: replaceElementValue': { command: 'mobileReplaceElementValue', params: { required: ['elementId', 'text'] } },
  'mobile: hideKeyboard': { command: 'hideKeyboard' },
  'mobile: isKeyboardShown': { command: 'isKeyboardShown' },
  'mobile: getDisplayDensity': { command: 'getDisplayDensity' },
} as const satisfies ExecuteMethodMap<ReplayDriver>;
