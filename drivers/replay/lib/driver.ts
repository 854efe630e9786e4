/**
 * Appium 3 driver (automationName `Replay`, platformName `Android`) that serves an app-graph/1
 * directory (`appium:app`) as if it were an app on an emulator: page source, screenshot, taps,
 * swipes, back, typing and app lifecycle as specified in app-graph.md. One driver instance per
 * session; all state lives on the instance.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BaseDriver, errors } from '@appium/base-driver';
import type { DefaultCreateSessionResult, DriverData, InitialOpts } from '@appium/types';
import { loadAppGraph, type LoadedAppGraph } from '@govapp/app-graph/load';
import { describeError } from '@govapp/app-graph/errors';
import * as app from './commands/app.ts';
import * as element from './commands/element.ts';
import * as find from './commands/find.ts';
import * as gestures from './commands/gestures.ts';
import * as screen from './commands/screen.ts';
import { desiredCapConstraints, type ReplayCaps, type ReplayConstraints, type W3CReplayCaps } from './constraints.ts';
import { LOCATOR_STRATEGIES } from './elements.ts';
import { EXECUTE_METHOD_MAP } from './execute-map.ts';
import { GraphRuntime } from './graph-runtime.ts';
import { NEW_METHOD_MAP } from './method-map.ts';
import { ScreenLibrary } from './screens.ts';

export class ReplayDriver extends BaseDriver<ReplayConstraints> {
  static newMethodMap = NEW_METHOD_MAP;
  static executeMethodMap = EXECUTE_METHOD_MAP;

  override readonly desiredCapConstraints = desiredCapConstraints;

  private session?: { app: LoadedAppGraph; screens: ScreenLibrary; runtime: GraphRuntime };
  /** The launcher's screenshot, made on first request. */
  launcherPng?: Promise<string>;

  constructor(opts: InitialOpts = {} as InitialOpts, shouldValidateCaps = true) {
    super(opts, shouldValidateCaps);
    this.locatorStrategies = [...LOCATOR_STRATEGIES];
  }

  override async createSession(
    w3cCapabilities1: W3CReplayCaps,
    w3cCapabilities2?: W3CReplayCaps,
    w3cCapabilities3?: W3CReplayCaps,
    driverData: DriverData[] = [],
  ): Promise<DefaultCreateSessionResult<ReplayConstraints>> {
    const [sessionId, caps] = (await super.createSession(w3cCapabilities1, w3cCapabilities2, w3cCapabilities3, driverData)) as [string, ReplayCaps];
    try {
      const loaded = loadAppGraph(appDir(caps.app));
      const screens = new ScreenLibrary(loaded);
      const runtime = new GraphRuntime(loaded.graph, (id) => screens.source(id), { log: (m) => this.log.debug(m) });
      this.session = { app: loaded, screens, runtime };
    } catch (e) {
      await super.deleteSession();
      throw new errors.SessionNotCreatedError(describeError(e));
    }
    const { graph } = this.session.app;
    this.session.runtime.launch();
    this.log.info(`replaying ${graph.app.package} from ${this.session.app.dir}: ${graph.states.length} states, ${graph.transitions.length} transitions, start ${graph.start}`);
    return [sessionId, caps];
  }

  override async deleteSession(sessionId?: string | null): Promise<void> {
    this.session = undefined;
    this.launcherPng = undefined;
    await super.deleteSession(sessionId);
  }

  get app(): LoadedAppGraph {
    return this.live().app;
  }

  get screens(): ScreenLibrary {
    return this.live().screens;
  }

  get runtime(): GraphRuntime {
    return this.live().runtime;
  }

  private live() {
    if (!this.session) throw new errors.NoSuchDriverError('no replay session is running');
    return this.session;
  }

  // W3C execute → `mobile:` methods of EXECUTE_METHOD_MAP
  async execute(script: string, args: unknown[]): Promise<unknown> {
    return await this.executeMethod(script, args as [Record<string, unknown>] | []);
  }

  override findElOrEls = find.findElOrEls;

  override getPageSource = screen.getPageSource;
  getScreenshot = screen.getScreenshot;
  getWindowRect = screen.getWindowRect;
  getWindowSize = screen.getWindowSize;
  getOrientation = screen.getOrientation;
  getDisplayDensity = screen.getDisplayDensity;
  getCurrentPackage = screen.getCurrentPackage;
  getCurrentActivity = screen.getCurrentActivity;
  getCurrentContext = screen.getCurrentContext;
  getContexts = screen.getContexts;
  setContext = screen.setContext;

  getText = element.getText;
  getAttribute = element.getAttribute;
  getProperty = element.getProperty;
  getName = element.getName;
  getElementRect = element.getElementRect;
  elementDisplayed = element.elementDisplayed;
  elementEnabled = element.elementEnabled;
  elementSelected = element.elementSelected;
  click = element.click;
  setValue = element.setValue;
  clear = element.clear;
  mobileReplaceElementValue = element.mobileReplaceElementValue;

  performActions = gestures.performActions;
  releaseActions = gestures.releaseActions;
  mobileClickGesture = gestures.mobileClickGesture;
  mobileSwipeGesture = gestures.mobileSwipeGesture;
  mobileScrollGesture = gestures.mobileScrollGesture;
  mobileType = gestures.mobileType;

  activateApp = app.activateApp;
  terminateApp = app.terminateApp;
  mobileTerminateApp = app.mobileTerminateApp;
  mobileDeepLink = app.mobileDeepLink;
  queryAppState = app.queryAppState;
  back = app.back;
  pressKeyCode = app.pressKeyCode;
  keyevent = app.keyevent;
  mobilePressKey = app.mobilePressKey;
  hideKeyboard = app.hideKeyboard;
  isKeyboardShown = app.isKeyboardShown;
}

/** `appium:app` names the app-graph directory; its app.json is accepted too. */
function appDir(app: string): string {
  const p = path.resolve(app);
  return path.basename(p) === 'app.json' && existsSync(p) && statSync(p).isFile() ? path.dirname(p) : p;
}
