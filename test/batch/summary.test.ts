import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppResult } from '../../batch/journal.ts';
import { csvField } from '../../batch/summary-csv.ts';
import { buildSummary, writeSummary } from '../../batch/summary.ts';
import { fakeApp } from './fakes.ts';

const ok: AppResult = {
  status: 'ok',
  partial: false,
  bundle: 'apps/a',
  package: 'cn.gov.a',
  label: '某市"政务", 通',
  stopReason: 'explored',
  states: 12,
  actions: 40,
  verdicts: { '4.1.1': 'fail', '4.1.2': 'pass', '4.1.3': 'review', '4.2': 'n/a', '4.3': 'unknown', '4.4': 'pass', '5': 'pass', '6.d': 'review', '6.h': 'pass', '6.i': 'pass', '7.3': 'n/a' },
  attempts: 1,
  device: 'emulator-5554',
  durationMs: 65_000,
};
const err: AppResult = { ...ok, status: 'error', partial: true, bundle: 'apps/b', label: '<script>x</script>', states: 0, attempts: 3, error: { code: 'SESSION_FAILED', message: 'no <device>' } };

function batchDir() {
  const out = mkdtempSync(path.join(os.tmpdir(), 'govapp-summary-'));
  mkdirSync(path.join(out, 'apps/a'), { recursive: true });
  writeFileSync(path.join(out, 'apps/a/report.html'), '<html></html>');
  const signals = {
    permissions: [
      { permission: 'android.permission.ACCESS_FINE_LOCATION', asked: 'launch', state: 's1', answer: 'allow-foreground' },
      { permission: 'android.permission.CAMERA', asked: '拍照打卡', state: 's5', answer: 'deny' },
    ],
    freshness: { newestDate: '2023-06-12', state: 's3', text: '县政府召开常务会议', stale: true },
    deadEnds: [{ state: 's7', kind: 'empty', text: '敬请期待' }],
  };
  writeFileSync(path.join(out, 'apps/a/findings.json'), JSON.stringify({ signals }));
  mkdirSync(path.join(out, 'apps/b'), { recursive: true });
  writeFileSync(path.join(out, 'apps/b/findings.json'), '{}');
  return out;
}

describe('batch summary', () => {
  it('counts apps and links only the files that exist', () => {
    const out = batchDir();
    const s = buildSummary(out, [fakeApp('a'), fakeApp('b'), fakeApp('c')], new Map([['a', ok], ['b', err]]));
    expect(s).toMatchObject({ format: 'batch/1', finished: false, counts: { total: 3, ok: 1, error: 1, pending: 1, partial: 1 } });
    expect(s.apps[0]).toMatchObject({ id: 'a', status: 'ok', report: 'apps/a/report.html', findings: 'apps/a/findings.json', verdicts: { '4.1.1': 'fail' } });
    expect(s.apps[1].report).toBeUndefined();
    expect(s.apps[1]).toMatchObject({ status: 'error', partial: true, error: { code: 'SESSION_FAILED' } });
    expect(s.apps[2]).toMatchObject({ id: 'c', status: 'pending', verdicts: {} });
    expect(s.clauses).toHaveLength(11);
  });

  it('writes batch.json, an RFC 4180 batch.csv and a self-contained, escaped batch.html', () => {
    const out = batchDir();
    writeSummary(out, buildSummary(out, [fakeApp('a'), fakeApp('b'), fakeApp('c')], new Map([['a', ok], ['b', err]])));
    expect(JSON.parse(readFileSync(path.join(out, 'batch.json'), 'utf8')).counts.total).toBe(3);

    const csv = readFileSync(path.join(out, 'batch.csv'), 'utf8');
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('app,package,label,status,partial,4.1.1,4.1.2,4.1.3,4.2,4.3,4.4,5,6.d,6.h,6.i,7.3,stop_reason,coverage,states,actions,attempts,device,duration_s,bundle,report,error,permissions,permissions_at_launch,newest_content_date,content_stale,dead_ends');
    expect(lines[1]).toBe('a,cn.gov.a,"某市""政务"", 通",ok,false,fail,pass,review,n/a,unknown,pass,pass,review,pass,pass,n/a,explored,complete,12,40,1,emulator-5554,65.0,apps/a,apps/a/report.html,,ACCESS_FINE_LOCATION@launch; CAMERA@拍照打卡,1,2023-06-12,true,1');
    expect(lines[3]).toBe('c,cn.gov.c,,pending,,,,,,,,,,,,,,,,,,,,,,,,,,,');

    const html = readFileSync(path.join(out, 'batch.html'), 'utf8');
    expect(html).toContain('<td class="v fail" title="fail">不符合</td>');
    expect(html).toContain('需人工复核'); // the report's own words
    expect(html).toMatch(/生成于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）/);
    expect(html).toContain('不适用');
    expect(html).toContain('无法判定');
    expect(html).toContain('<a href="apps/a/report.html">报告</a>');
    expect(html).toContain('<a href="apps/b/findings.json">findings.json</a>');
    expect(html).toContain('出错（部分结果）');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('a crawl that did not see the whole app is marked in every view: batch.json, the CSV column, the HTML column', () => {
    const out = batchDir();
    const blocked: AppResult = { ...ok, stopReason: 'blocked', incomplete: '遍历不完整：登录后页面未能进入（未配置账号，界面 s1“登录”），已遍历2个页面。' };
    const s = buildSummary(out, [fakeApp('a'), fakeApp('b')], new Map([['a', blocked], ['b', ok]]));
    expect(s.counts.incomplete).toBe(1);
    expect(s.apps[0].incomplete).toMatch(/登录后页面未能进入/);
    expect(s.apps[1].incomplete).toBeUndefined();
    writeSummary(out, s);
    const [, a, b] = readFileSync(path.join(out, 'batch.csv'), 'utf8').split('\r\n');
    expect(a).toContain(',blocked,incomplete: 遍历不完整：登录后页面未能进入（未配置账号，界面 s1“登录”），已遍历2个页面。,12,');
    expect(b).toContain(',explored,complete,12,');
    const html = readFileSync(path.join(out, 'batch.html'), 'utf8');
    expect(html).toContain('<th>遍历覆盖</th>');
    expect(html).toMatch(/<td class="cov"><span class="incomplete"[^>]*>不完整<\/span>/);
    expect(html).toContain('<td class="cov">完整</td>');
    expect(html).toContain('遍历不完整 1');
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(undefined)).toBe('');
  });
});
