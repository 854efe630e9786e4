import { describe, expect, it } from 'vitest';
import { buildCapabilities, PERMISSION_CONTROLLERS } from '../../src/device/capabilities.ts';
import { packageOfSource } from '../../src/device/wdio-device.ts';

describe('UiAutomator2 capabilities for real devices', () => {
  it('a known package: any activity of the app or of a permission controller counts as started', () => {
    const caps = buildCapabilities({ kind: 'package', package: 'cn.gov.x' }, { udid: 'emulator-5554' });
    expect(caps['appium:appWaitActivity']).toBe('*');
    expect(String(caps['appium:appWaitPackage']).split(',')).toEqual(['cn.gov.x', ...PERMISSION_CONTROLLERS]);
    expect(caps['appium:appWaitForLaunch']).toBeUndefined();
  });
  it('an APK of unknown package: the driver does not wait for a launch activity', () => {
    const caps = buildCapabilities({ kind: 'apk', apk: '/x/app.apk' }, { udid: 'emulator-5554' });
    expect(caps['appium:appWaitForLaunch']).toBe(false);
    expect(caps['appium:appWaitPackage']).toBeUndefined();
  });
  it('vendor ROMs that refuse the hidden-API policy, idle waits bounded, no chromedriver download', () => {
    const caps = buildCapabilities({ kind: 'package', package: 'cn.gov.x' }, { udid: 'emulator-5554', waitForIdleTimeoutMs: 800 });
    expect(caps).toMatchObject({ 'appium:ignoreHiddenApiPolicyError': true, 'appium:settings[waitForIdleTimeout]': 800, 'appium:autodownloadEnabled': false });
    expect(caps['appium:chromedriverExecutableDir']).toBeUndefined();
    expect(buildCapabilities({ kind: 'package', package: 'cn.gov.x' }, { udid: 'e', chromedriverDir: '/opt/cd' })['appium:chromedriverExecutableDir']).toBe('/opt/cd');
  });
  it('an AVD boots headless with cold-boot timeouts', () => {
    const caps = buildCapabilities({ kind: 'package', package: 'cn.gov.x' }, { avd: 'gov34' });
    expect(caps['appium:avd']).toBe('gov34');
    expect(caps['appium:avdArgs']).toContain('-no-window');
    expect(caps['appium:avdLaunchTimeout']).toBeGreaterThanOrEqual(120_000);
    expect(caps['appium:avdReadyTimeout']).toBeGreaterThanOrEqual(120_000);
  });
});

describe('packageOfSource', () => {
  it('the first element of a UiAutomator2 source names the focused window', () => {
    const src = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2208">\n  <android.widget.FrameLayout index="0" package="com.android.permissioncontroller" class="android.widget.FrameLayout" text="">\n    <android.widget.TextView index="0" package="com.android.permissioncontroller" />\n  </android.widget.FrameLayout>\n</hierarchy>`;
    expect(packageOfSource(src)).toBe('com.android.permissioncontroller');
    expect(packageOfSource('<hierarchy rotation="0"></hierarchy>')).toBeUndefined();
  });
});

describe('govapp crawl --chromedriver-dir', () => {
  it('a directory that does not exist: one line naming the flag, exit 2', async () => {
    const { runMain } = await import('../helpers/cli.ts');
    const r = await runMain('crawl', '--app', 'cn.gov.x', '--udid', 'emulator-5554', '--out', '/tmp/govapp-never', '--chromedriver-dir', '/nope/chromedrivers');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('govapp: BAD_ARGUMENT: --chromedriver-dir /nope/chromedrivers: not a directory');
  });
});
