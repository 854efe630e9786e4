import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppsFile } from '../../batch/apps-file.ts';
import { parseMiniTarget } from '../../crawlers/mini/target.ts';
import { miniDeviceTarget } from '../../crawlers/mini/session.ts';
import { configSchema } from '../../src/config/schema.ts';
import { FIXTURES } from '../helpers/paths.ts';

function yamlFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'govapp-mini-apps-')), 'apps.yaml');
  writeFileSync(file, text);
  return file;
}

describe('--mini-program / --quick-app', () => {
  it('takes a name or an appid with its host, or a quick-app package with an optional engine', () => {
    expect(parseMiniTarget({ miniProgram: '某市政务服务', host: 'wechat' })).toEqual({ host: 'wechat', name: '某市政务服务' });
    expect(parseMiniTarget({ miniProgram: 'wx0123456789abcdef', host: 'wechat' })).toEqual({ host: 'wechat', appid: 'wx0123456789abcdef' });
    expect(parseMiniTarget({ miniProgram: '2021001234567890', host: 'alipay' })).toEqual({ host: 'alipay', appid: '2021001234567890' });
    expect(parseMiniTarget({ quickApp: 'cn.gov.example.police', engine: 'com.huawei.fastapp' })).toEqual({ host: 'quickapp', quickApp: 'cn.gov.example.police', hostPackage: 'com.huawei.fastapp' });
  });

  it.each([
    [{ miniProgram: '某市政务服务' }, /--host: a mini-program needs its host/],
    [{ miniProgram: '某市政务服务', host: 'qq' }, /--host qq: expected one of wechat, alipay/],
    [{ miniProgram: ' ', host: 'wechat' }, /--mini-program: give the mini-program's name or appid/],
    [{ quickApp: 'hap://app/x' }, /--quick-app hap:\/\/app\/x: not a quick-app package name/],
    [{ miniProgram: '某', host: 'wechat', quickApp: 'a.b' }, /not both/],
    [{ miniProgram: '某', host: 'wechat', engine: 'a.b' }, /--engine: only for quick apps/],
  ])('refuses %o with one clear error', (o, msg) => {
    expect(() => parseMiniTarget(o)).toThrow(msg);
  });

  it('runs on the host: its installed package, or a replayed host whose package is the host', () => {
    expect(miniDeviceTarget({ host: 'alipay', name: '某' }, undefined)).toEqual({ kind: 'package', package: 'com.eg.android.AlipayGphone' });
    const replayed = { kind: 'app-graph' as const, dir: path.join(FIXTURES, 'apps/mini-wechat'), package: 'com.tencent.mm' };
    expect(miniDeviceTarget({ host: 'wechat', name: '某' }, replayed)).toBe(replayed);
    expect(() => miniDeviceTarget({ host: 'alipay', name: '某' }, replayed)).toThrow(/its package com\.tencent\.mm is not the 支付宝 host com\.eg\.android\.AlipayGphone/);
    expect(() => miniDeviceTarget({ host: 'wechat', name: '某' }, { kind: 'url', url: 'https://example.gov.cn/' })).toThrow(/not a URL/);
  });
});

describe('apps.yaml miniProgram: and quickApp: entries', () => {
  it('resolves them to the host target with the mini-program beside it', () => {
    const apps = loadAppsFile(
      yamlFile(`apps:
  - miniProgram: { name: 某市政务服务, host: wechat }
  - miniProgram: { appid: wx0123456789abcdef, host: wechat }
    appGraph: ${path.join(FIXTURES, 'apps/mini-wechat')}
  - id: police
    quickApp: cn.gov.example.police
    engine: com.huawei.fastapp
`),
    );
    expect(apps[0]).toMatchObject({ target: { kind: 'package', package: 'com.tencent.mm' }, mini: { host: 'wechat', name: '某市政务服务' }, label: '某市政务服务' });
    expect(apps[0].id).toMatch(/^wechat-[0-9a-f]{8}$/);
    expect(apps[1]).toMatchObject({ id: 'wechat-wx0123456789abcdef', target: { kind: 'app-graph', package: 'com.tencent.mm' }, mini: { appid: 'wx0123456789abcdef' } });
    expect(apps[2]).toMatchObject({ id: 'police', target: { kind: 'package', package: 'com.huawei.fastapp' }, mini: { host: 'quickapp', quickApp: 'cn.gov.example.police' } });
  });

  it.each([
    ['  - miniProgram: { name: 某, host: qq }\n', /apps\[0\]\.miniProgram\.host: expected wechat or alipay/],
    ['  - miniProgram: { name: 某, appid: wx0123456789abcdef, host: wechat }\n', /apps\[0\]\.miniProgram: give one of name or appid/],
    ['  - miniProgram: { name: 某, host: wechat }\n    package: com.tencent.mm\n', /apps\[0\]: a mini-program or quick app runs in its host/],
    ['  - package: cn.gov.x\n    engine: com.huawei.fastapp\n', /apps\[0\]\.engine: only for quickApp/],
    [`  - miniProgram: { name: 某, host: alipay }\n    appGraph: ${path.join(FIXTURES, 'apps/mini-wechat')}\n`, /apps\[0\]\.appGraph: .*not the 支付宝 host/],
  ])('refuses a bad entry naming the file and field (%#)', (entry, msg) => {
    const file = yamlFile(`apps:\n${entry}`);
    expect(() => loadAppsFile(file)).toThrow(msg);
    expect(() => loadAppsFile(file)).toThrow(file);
  });
});

describe('govapp.yaml miniPrograms:', () => {
  it('takes a scheme link, the opening order, the mini-program’s own credentials and an engine container pattern', () => {
    const c = configSchema.parse({ miniPrograms: { wx0123456789abcdef: { link: 'weixin://dl/business/?t=abc', open: ['link', 'search'], credentials: { username: 'demo', password: 'x' } }, 'cn.gov.example.police': { container: 'com\\.huawei\\.fastapp\\..*Activity$' } } });
    expect(c.miniPrograms.wx0123456789abcdef.open).toEqual(['link', 'search']);
  });

  it.each([[{ link: 'not a link' }], [{ open: ['teleport'] }], [{ container: '(' }], [{ open: [] }]])('refuses %o', (entry) => {
    expect(configSchema.safeParse({ miniPrograms: { x: entry } }).success).toBe(false);
  });
});
