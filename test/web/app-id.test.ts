import { describe, expect, it } from 'vitest';
import { activityOf, appIdOf, inApp } from '../../src/web/app-id.ts';

describe('appIdOf', () => {
  const start = 'https://zwfw.example.gov.cn/h5/index.html';
  it.each([
    ['https://zwfw.example.gov.cn/h5/about.html', 'https://zwfw.example.gov.cn'],
    ['https://zwfw.example.gov.cn:8443/x', 'https://zwfw.example.gov.cn:8443'],
    ['https://www.gov.cn/', 'https://www.gov.cn'],
    ['http://127.0.0.1:40123/index.html', 'http://127.0.0.1:40123'],
    ['about:blank', 'about:'],
    ['data:,', 'data:'],
    ['chrome-error://chromewebdata/', 'chrome-error:'],
  ])('%s → %s', (url, id) => {
    expect(appIdOf(url, start)).toBe(id);
  });

  it('scopes file: apps to the start page directory', () => {
    const s = 'file:///srv/apps/study/index.html';
    expect(appIdOf(s, s)).toBe('file:///srv/apps/study');
    expect(appIdOf('file:///srv/apps/study/sub/page.html#x', s)).toBe('file:///srv/apps/study');
    expect(appIdOf('file:///srv/apps/other/index.html', s)).toBe('file:///srv/apps/other');
    expect(appIdOf('file:///srv/apps/study2/index.html', s)).toBe('file:///srv/apps/study2');
    expect(inApp('file:///srv/apps/study/a.html', s)).toBe(true);
    expect(inApp('https://www.gov.cn/', s)).toBe(false);
  });
});

describe('activityOf', () => {
  it.each([
    ['https://a.gov.cn/h5/index.html?token=1#/mine', '/h5/index.html#/mine'],
    ['https://a.gov.cn/', '/'],
    ['about:blank', ''],
    ['not a url', ''],
  ])('%s → %s', (url, act) => {
    expect(activityOf(url)).toBe(act);
  });
});
