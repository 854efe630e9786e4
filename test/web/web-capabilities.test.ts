import { describe, expect, it } from 'vitest';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { webDeviceOptions } from '../../src/web/open-web-device.ts';

describe('capabilities of an H5 session', () => {
  it('drive Chromium in mobile emulation through the chromium driver, on a chromedriver port of its own', async () => {
    const dev = await webDeviceOptions({ chromeBinary: '/opt/chromium/chrome' });
    expect(dev.chromeBinary).toBe('/opt/chromium/chrome');
    expect(dev.chromedriverPort).toBeGreaterThan(0);
    const caps = buildCapabilities({ kind: 'url', url: 'https://zwfw.example.gov.cn/h5/' }, dev);
    expect(caps).toMatchObject({
      browserName: 'chrome',
      'appium:automationName': 'Chromium',
      'appium:chromedriverPort': dev.chromedriverPort,
      'appium:autodownloadEnabled': false,
      pageLoadStrategy: 'none',
      'goog:chromeOptions': {
        binary: '/opt/chromium/chrome',
        mobileEmulation: { deviceMetrics: { width: 360, height: 780, pixelRatio: 3 } },
      },
    });
    const args = (caps['goog:chromeOptions'] as { args: string[] }).args;
    for (const a of ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'])
      expect(args).toContain(a);
  });
});
