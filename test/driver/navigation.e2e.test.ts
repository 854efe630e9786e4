import { describe, expect, it, inject } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { replayFixture, replaySessions, screenName, tapAt, type Browser } from './helpers.ts';

const mini = replayFixture('mini');
const PKG = 'cn.gov.example.mini';
const LAUNCHER = 'com.android.launcher3';

async function current(b: Browser): Promise<[string, string]> {
  return [await b.execute('mobile: getCurrentPackage'), await b.execute('mobile: getCurrentActivity')];
}

describe('back stack', () => {
  const open = replaySessions();

  it('pushes with `to`, pops with @back and with the back key', async () => {
    const b = await open(mini);
    await tapAt(b, 100, 760); // 进入 → detail (pushed)
    expect(await screenName(b)).toBe('detail');
    await tapAt(b, 200, 760); // 返回 → @back
    expect(await screenName(b)).toBe('home');
    await tapAt(b, 100, 760);
    await b.back(); // W3C back
    expect(await screenName(b)).toBe('home');
    await tapAt(b, 100, 760);
    await b.execute('mobile: pressKey', { keycode: 4 });
    expect(await screenName(b)).toBe('home');
  });

  it('fires a `key: back` transition before popping', async () => {
    const b = await open(mini);
    await tapAt(b, 150, 240); // about
    await b.back(); // about has a back-key transition → exit-confirm (pushed)
    expect(await screenName(b)).toBe('exit-confirm');
    await b.back(); // no back-key transition: pop
    expect(await screenName(b)).toBe('about');
    await tapAt(b, 150, 240); // nothing clickable there on about
    expect(await screenName(b)).toBe('about');
  });

  it('replaces the top with `replace`; popping the last screen shows the launcher without any app element', async () => {
    const b = await open(mini);
    await tapAt(b, 300, 760); // 替换 → replaced (replace: true), stack [replaced]
    expect(await screenName(b)).toBe('replaced');
    await b.back();
    expect(await screenName(b)).toBe('launcher');
    expect(await current(b)).toEqual([LAUNCHER, '.uioverrides.QuickstepLauncher']);
    const snap = parsePageSource(await b.getPageSource());
    expect(snap.elements.length).toBeGreaterThan(0);
    expect(snap.elements.every((e) => e.package === LAUNCHER)).toBe(true);
    expect(await b.queryAppState(PKG)).toBe(3);
    await b.back(); // back on the launcher does nothing
    expect(await screenName(b)).toBe('launcher');
  });

  it('reports the package and activity of each state (`package` overrides app.package)', async () => {
    const b = await open(mini);
    expect(await current(b)).toEqual([PKG, '.MainActivity']);
    expect(await b.getCurrentPackage()).toBe(PKG);
    expect(await b.getCurrentActivity()).toBe('.MainActivity');
    await tapAt(b, 100, 760);
    expect(await current(b)).toEqual([PKG, '.DetailActivity']);
    await b.back();
    await tapAt(b, 50, 240);
    expect(await current(b)).toEqual(['cn.gov.example.search', '.SearchActivity']);
    // The UiAutomator2 endpoints as well as the execute methods.
    const get = async (what: string) => {
      const res = await fetch(`${inject('appiumUrl')}/session/${b.sessionId}/appium/device/${what}`);
      return ((await res.json()) as { value: string }).value;
    };
    expect([await get('current_package'), await get('current_activity')]).toEqual(['cn.gov.example.search', '.SearchActivity']);
  });

  it('reports the window rect from device.width/height, and the rest of a native device', async () => {
    const b = await open(mini);
    expect(await b.getWindowRect()).toEqual({ x: 0, y: 0, width: 400, height: 800 });
    expect(await b.execute('mobile: getDisplayDensity')).toBe(160);
    expect(await b.getContexts()).toEqual(['NATIVE_APP']);
    expect(await b.getContext()).toBe('NATIVE_APP');
    expect(await b.getSettings()).toBeTypeOf('object');
    expect(await b.isKeyboardShown()).toBe(false);
    await b.hideKeyboard();
    await expect(b.execute('mobile: shell', { command: 'ls' })).rejects.toThrow(/Unsupported execute method 'mobile: shell'/);
  });
});

describe('app lifecycle', () => {
  const open = replaySessions();

  it('queryAppState: 4 foreground, 3 background, 1 not running, 0 unknown', async () => {
    const b = await open(mini);
    expect(await b.queryAppState(PKG)).toBe(4);
    expect(await b.execute('mobile: queryAppState', { appId: PKG })).toBe(4);
    expect(await b.queryAppState(LAUNCHER)).toBe(3);
    expect(await b.queryAppState('com.example.not.installed')).toBe(0);
    await b.execute('mobile: pressKey', { keycode: 3 }); // HOME
    expect(await b.queryAppState(PKG)).toBe(3);
    expect(await b.queryAppState(LAUNCHER)).toBe(4);
    expect(await b.execute('mobile: terminateApp', { appId: PKG })).toBe(true);
    expect(await b.queryAppState(PKG)).toBe(1);
    expect(await screenName(b)).toBe('launcher');
    expect(await b.terminateApp(PKG)).toBe(false);
  });

  it('activateApp relaunches a background or stopped app at [start], and changes nothing in the foreground', async () => {
    const b = await open(mini);
    await tapAt(b, 100, 760);
    await b.activateApp(PKG); // already in the foreground
    expect(await screenName(b)).toBe('detail');
    await b.execute('mobile: pressKey', { keycode: 3 });
    await b.activateApp(PKG);
    expect(await screenName(b)).toBe('home');
    await b.back(); // stack is [home] again: one back leaves the app
    expect(await screenName(b)).toBe('launcher');
    await b.execute('mobile: activateApp', { appId: PKG });
    expect(await screenName(b)).toBe('home');
    await b.terminateApp(PKG);
    await b.activateApp(PKG);
    expect([await screenName(b), await b.queryAppState(PKG)]).toEqual(['home', 4]);
    await expect(b.activateApp('com.example.not.installed')).rejects.toThrow(/not installed/);
  });

  it('relaunches from the launcher icon', async () => {
    const b = await open(mini);
    await b.back();
    const icon = await b.$('~迷你应用');
    expect(await icon.getAttribute('package')).toBe(LAUNCHER);
    await icon.click();
    expect(await screenName(b)).toBe('home');
  });
});
