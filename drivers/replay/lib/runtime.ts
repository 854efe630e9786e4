/**
 * The replay driver's app model for other front ends (`appium-replay-driver/runtime`): the running
 * app-graph, its recorded screens, hit testing and element ids, W3C action classification, text
 * input rules, the launcher and UiAutomator2 page-source rendering. `drivers/android-sim` serves
 * the same model behind a simulated UiAutomator2 server — one model of an app, two front ends.
 */
export { interpretActions } from './actions.ts';
export { attributeOf, centerOf, elementId, elementRef, findNodes, InvalidSelector, parseElementId, rectOf } from './elements.ts';
export { GraphRuntime, type Gesture } from './graph-runtime.ts';
export { LAUNCHER_ACTIVITY, LAUNCHER_PACKAGE, launcherScreenshot } from './launcher.ts';
export { ScreenLibrary } from './screens.ts';
export { renderSource } from './source-render.ts';
export { isEditable } from './text-input.ts';
export type { ScreenView, ViewNode } from './view.ts';
