import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli.ts';
import { FIXTURES } from '../helpers/paths.ts';

const out = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'govapp-mini-cli-')), 'b');

describe('govapp crawl --mini-program / --quick-app: bad input is one line, exit 2, before any session', () => {
  it.each([
    [['--mini-program', '某市政务服务'], /^govapp: BAD_ARGUMENT: --host: a mini-program needs its host \(wechat or alipay\)$/m],
    [['--mini-program', '某市政务服务', '--host', 'weibo'], /--host weibo: expected one of wechat, alipay/],
    [['--host', 'wechat', '--app', 'x.apk'], /--host goes with --mini-program or --quick-app/],
    [['--mini-program', '某', '--host', 'wechat', '--url', 'https://example.gov.cn/'], /not with --url/],
    [['--quick-app', 'not a package'], /--quick-app not a package: not a quick-app package name/],
    [['--mini-program', '某', '--host', 'alipay', '--app', path.join(FIXTURES, 'apps/mini-wechat')], /its package com\.tencent\.mm is not the 支付宝 host com\.eg\.android\.AlipayGphone/],
    [['--mini-program', '某', '--host', 'wechat'], /--udid \(or an avd\) is required to crawl com\.tencent\.mm/],
  ])('%j', async (args, msg) => {
    const r = await runMain('crawl', ...args, '--out', out(), '--appium-url', 'http://127.0.0.1:9/');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
