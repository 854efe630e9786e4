import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appHostPatterns, hostBlockingArg } from '../../src/web/app-hosts.ts';
import { openWebDevice } from '../../src/web/open-web-device.ts';
import { waitForDom, type WebDevice } from '../../src/web/web-device.ts';
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts';
import { h5Fixture, snap } from './h5-helpers.ts';

describe('the hosts of an H5 app', () => {
  it('are the start host and its site; everything else resolves to nothing', () => {
    expect(appHostPatterns('https://www.example.gov.cn/art/1.html')).toEqual(['www.example.gov.cn', '*.example.gov.cn']);
    expect(appHostPatterns('http://127.0.0.1:8080/index.html')).toEqual(['127.0.0.1']);
    expect(appHostPatterns('http://localhost:8080/')).toEqual(['localhost']);
    expect(appHostPatterns('file:///tmp/app/index.html')).toEqual([]);
    expect(hostBlockingArg('https://www.example.gov.cn/')).toBe('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE www.example.gov.cn, EXCLUDE *.example.gov.cn');
    expect(hostBlockingArg('file:///tmp/app/index.html')).toBe('--host-resolver-rules=MAP * ~NOTFOUND');
  });
});

describe('waiting for a page', () => {
  /** A browser whose document.readyState follows `states` (the last one repeats), on a clock that moves 400 ms per look. */
  const fake = (states: string[]) => {
    let i = 0;
    let t = 0;
    const browser = { execute: async () => states[Math.min(i++, states.length - 1)] } as unknown as WebdriverIO.Browser;
    return { browser, now: () => (t += 400), looks: () => i };
  };
  it('returns at once when the page is complete', async () => {
    const f = fake(['complete']);
    expect(await waitForDom(f.browser, { now: f.now })).toBe('complete');
    expect(f.looks()).toBe(1);
  });
  it('gives a ready DOM a short grace for its subresources, not the whole load timeout', async () => {
    const f = fake(['loading', 'interactive']);
    expect(await waitForDom(f.browser, { now: f.now, domReadyMs: 60_000, loadGraceMs: 1200 })).toBe('interactive');
    expect(f.looks()).toBe(5);
  });
  it('reads a page that never gets its DOM ready at the deadline', async () => {
    const f = fake(['loading']);
    expect(await waitForDom(f.browser, { now: f.now, domReadyMs: 2000 })).toBe('loading');
    expect(f.looks()).toBe(5);
  });
});

/** A portal article tens of thousands of px long, in real Chromium. */
describe('whole pages', () => {
  let server: StaticServer;
  const devices: WebDevice[] = [];
  const open = async (readThrough?: boolean) => {
    const dev = await openWebDevice({ appiumUrl: inject('appiumUrl'), url: `${server.url}/article.html`, readThrough });
    devices.push(dev);
    return dev;
  };
  beforeAll(async () => {
    server = await startStaticServer(h5Fixture('portal-h5'));
  });
  afterAll(async () => {
    for (const d of devices) await d.close();
    await server?.close();
  });

  it('reads the footer far below the fold as seen (not displayed, not a tap target) and goes back to where the page was', async () => {
    const dev = await open();
    const s = await snap(dev);
    const host = s.elements.find((e) => e.text.startsWith('主办单位：某市人民政府办公厅'));
    expect(host).toBeDefined();
    expect(host).toMatchObject({ displayed: false });
    expect(host!.attrs).toMatchObject({ 'web-read': 'true', 'web-footer': 'true' });
    expect(host!.bounds.y1).toBeGreaterThan(20 * s.height);
    expect(dev.lastDom()!.scroll.y).toBe(0);
    // The article's own text near the top is displayed and not part of the footer.
    const source = s.elements.find((e) => e.text.startsWith('来源：某市交通运输局'))!;
    expect(source).toMatchObject({ displayed: true });
    expect(source.attrs['web-footer']).toBeUndefined();
    // Third-party scripts are listed as blocked on the document.
    expect(s.elements[0].attrs['web-blocked']).toContain('http://127.0.0.2:9/hm.js');
    expect(s.elements[0].attrs['web-blocked']).not.toContain('article_files');
  });

  it('without a read-through, off-screen text is neither displayed nor seen', async () => {
    const dev = await open(false);
    const s = await snap(dev);
    const host = s.elements.find((e) => e.text.startsWith('主办单位：某市人民政府办公厅'));
    expect(host?.displayed).toBe(false);
    expect(host?.attrs['web-read']).toBeUndefined();
  });
});
