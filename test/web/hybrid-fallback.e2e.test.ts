import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildCapabilities } from '../../src/device/capabilities.ts';
import { openSession } from '../../src/device/session.ts';
import { WdioDevice } from '../../src/device/wdio-device.ts';
import { HybridDevice } from '../../src/web/hybrid-device.ts';
import { descendantsOf } from '../../src/snapshot/model.ts';
import { FIXTURES, REPO, sampleApp } from '../helpers/paths.ts';
import { byText, snap, tapText } from './h5-helpers.ts';

const REPLAY_DRIVER = path.join(REPO, 'drivers/replay/lib/driver.ts');
const HYBRID = path.join(FIXTURES, 'h5-hybrid');

/** The fallback path for real: the replay driver has no WEBVIEW_* context, like a release build's WebView. */
describe.skipIf(!existsSync(REPLAY_DRIVER))('HybridDevice over the replay driver', () => {
  const open: HybridDevice[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  async function hybrid(dir: string): Promise<HybridDevice> {
    const browser = await openSession({ appiumUrl: inject('appiumUrl'), capabilities: buildCapabilities({ kind: 'app-graph', dir, package: '' }) });
    const dev = new HybridDevice(await WdioDevice.create(browser), browser);
    open.push(dev);
    return dev;
  }

  it('falls back to the WebView content-desc nodes and says so', async () => {
    const dev = await hybrid(HYBRID);
    const s = await snap(dev);
    expect(dev.lastWebviewStatus()).toMatchObject({ webviews: 1, inspected: 0, fallback: true });
    expect(dev.lastWebviewStatus().reason).toMatch(/WEBVIEW/);
    const wv = s.elements.find((e) => e.className === 'android.webkit.WebView')!;
    expect(wv.attrs['web-inspected']).toBe('false');
    expect(descendantsOf(s, wv).map((e) => e.contentDesc)).toContain('每日签到');
    expect(s.elements.every((e) => e.origin === 'native')).toBe(true);
  });

  it('still navigates through the native device (taps on content-desc nodes)', async () => {
    const dev = await hybrid(HYBRID);
    await tapText(dev, '关于我们');
    const s = await snap(dev);
    byText(s, '主办单位：某市人民政府办公厅');
    byText(s, '备案号：京ICP备12345678号-3A');
    expect(dev.lastWebviewStatus().fallback).toBe(true);
    await dev.back();
    byText(await snap(dev), '每日签到');
  });

  it.skipIf(!existsSync(sampleApp('study-portal')))('reports no WebView on a purely native screen', async () => {
    const dev = await hybrid(sampleApp('study-portal'));
    const xml = await dev.pageSource();
    expect(dev.lastWebviewStatus()).toEqual({ webviews: 0, inspected: 0, fallback: false });
    expect(xml).not.toContain('web-inspected');
  });
});
