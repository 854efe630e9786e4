import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { Lifecycle, runHook, type CrawlSubscriber, type HookName } from '../../src/lifecycle.ts';
import { bundleRecorder } from '../../src/bundle/recorder.ts';
import { BundleWriter } from '../../src/bundle/writer.ts';
import { GovappError } from '../../src/errors.ts';
import type { Device } from '../../src/device/device.ts';
import { Explorer } from '../../crawlers/explorer.ts';
import { strategyFor } from '../../crawlers/strategies/index.ts';
import { defaultReporters } from '../../reports/index.ts';

const PKG = 'cn.gov.test.lifecycle';
const node = (cls: string, attrs: string) => `<${cls} index="0" package="${PKG}" class="${cls}" ${attrs} enabled="true" displayed="true" />`;
const page = (pkg: string, ...children: string[]) =>
  `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2340"><android.widget.FrameLayout index="0" package="${pkg}" class="android.widget.FrameLayout" text="" clickable="false" enabled="true" bounds="[0,0][1080,2340]" displayed="true">${children.join('')}</android.widget.FrameLayout></hierarchy>`;
const SCREENS = {
  home: page(PKG, node('android.widget.TextView', 'text="首页" clickable="false" bounds="[100,100][980,200]"'), node('android.widget.Button', 'text="办事指南" clickable="true" bounds="[100,400][980,500]"')),
  detail: page(PKG, node('android.widget.TextView', 'text="办事指南详情" clickable="false" bounds="[100,100][980,200]"')),
  launcher: page('com.android.launcher3', '<android.widget.TextView index="0" package="com.android.launcher3" class="android.widget.TextView" text="桌面" clickable="false" enabled="true" bounds="[0,0][500,100]" displayed="true" />'),
};

/** A two-screen app: home → (tap 办事指南) → detail; back returns; back on home leaves to the launcher. */
function tinyApp(): Device {
  let at: keyof typeof SCREENS = 'home';
  const png = Buffer.from('89504e470d0a1a0a', 'hex');
  return {
    info: { platformName: 'Android', automationName: 'test', width: 1080, height: 2340 },
    pageSource: async () => SCREENS[at],
    screenshot: async () => png,
    tap: async (x, y) => void (at === 'home' && y >= 400 && y <= 500 && x >= 100 && x <= 980 && (at = 'detail')),
    swipe: async () => undefined,
    back: async () => void (at = at === 'detail' ? 'home' : 'launcher'),
    type: async () => undefined,
    clear: async () => undefined,
    currentApp: async () => ({ package: at === 'launcher' ? 'com.android.launcher3' : PKG, activity: `.${at}` }),
    activateApp: async () => void (at = 'home'),
    terminateApp: async () => undefined,
    appState: async () => 4,
    close: async () => undefined,
  };
}

/** A subscriber that writes down every hook call it gets as `hook subject`. */
function tape(calls: string[]): CrawlSubscriber {
  return {
    name: 'tape',
    onState: (s) => void calls.push(`state ${s.state}`),
    onArrive: (s) => void calls.push(`arrive ${s.state}`),
    onAction: (a, t) => void calls.push(`action ${a.kind} ${a.from}→${a.to ?? '(left)'}${t ? ' recorded' : ''}`),
    onRefusal: (r) => void calls.push(`refusal ${r.label}`),
  };
}

describe('the crawl lifecycle', () => {
  it('over a small crawl: every screen is a state before the crawl arrives on it, every action after the screen it led to', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-lifecycle-')), 'b');
    const writer = new BundleWriter(out, { app: { package: PKG }, device: { width: 1080, height: 2340 } });
    const calls: string[] = [];
    const log = pino({ level: 'silent' });
    const explorer = new Explorer({
      device: tinyApp(),
      writer,
      lifecycle: new Lifecycle([bundleRecorder(writer), tape(calls)], log),
      appPackage: PKG,
      policy: { level: 'default', allow: [], deny: [], unsafe: false },
      strategy: strategyFor('bfs'),
      maxActions: 50,
      deadline: Date.now() + 60_000,
      log,
      waitForTimedMoveMs: 1,
    });
    expect(await explorer.run()).toBe('explored');
    expect(calls).toEqual([
      'state s1',
      'arrive s1',
      'state s2',
      'arrive s2',
      'action tap s1→s2 recorded',
      'arrive s2',
      'action wait s2→s2',
      'arrive s1',
      'action back s2→s1 recorded',
      'action back s1→(left)',
      'arrive s1',
      'action relaunch (outside)→s1',
    ]);
    // The bundle writer is one subscriber among them: it got the same screens and actions.
    expect(readFileSync(path.join(out, 'crawl.jsonl'), 'utf8').trim().split('\n')).toHaveLength(explorer.actions.length);
    expect(JSON.parse(readFileSync(path.join(out, 'screens.json'), 'utf8'))).toHaveLength(2);
  });

  const action = { seq: 3, kind: 'back', from: 'x', outcome: 'moved', startedMs: 0, durationMs: 1 } as const;
  const cases: { title: string; subscribers: (calls: string[]) => CrawlSubscriber[]; calls: string[]; failed: string[] }[] = [
    {
      title: 'calls subscribers in order, skipping those without the hook',
      subscribers: (calls) => [{ name: 'a', onAction: (a) => void calls.push(`a:${a.seq}`) }, { name: 'none' }, { name: 'b', onAction() { calls.push(`b:${this.name}`); } }],
      calls: ['a:3', 'b:b'],
      failed: [],
    },
    {
      title: 'logs a throwing hook (subscriber and hook named) and goes on with the next',
      subscribers: (calls) => [{ name: 'broken', onAction: () => { throw new Error('boom'); } }, { name: 'c', onAction: () => void calls.push('c') }],
      calls: ['c'],
      failed: ['broken onAction'],
    },
    {
      title: 'awaits an async hook before calling the next subscriber',
      subscribers: (calls) => [
        { name: 'slow', onAction: async () => { await new Promise((r) => setImmediate(r)); calls.push('slow done'); } },
        { name: 'next', onAction: () => void calls.push('next') },
      ],
      calls: ['slow done', 'next'],
      failed: [],
    },
    {
      title: 'a rejected async hook is logged and skipped like a throwing one',
      subscribers: (calls) => [{ name: 'rejects', onAction: async () => Promise.reject(new Error('later')) }, { name: 'd', onAction: () => void calls.push('d') }],
      calls: ['d'],
      failed: ['rejects onAction'],
    },
  ];
  it.each(cases)('$title', async ({ subscribers, calls: expected, failed }) => {
    const calls: string[] = [];
    const warn = vi.fn();
    const failures = await runHook(subscribers(calls), 'onAction', [action], { warn });
    expect(calls).toEqual(expected);
    expect(failures.map((f) => `${f.subscriber} ${f.hook}`)).toEqual(failed);
    expect(warn).toHaveBeenCalledTimes(failed.length);
    for (const [i, f] of failed.entries()) {
      const [subscriber, hook] = f.split(' ');
      expect(warn.mock.calls[i][0]).toMatchObject({ subscriber, hook });
      expect(warn.mock.calls[i][1]).toBe(`${subscriber} failed in ${hook}; skipped`);
    }
  });

  it('a severe error (the bundle cannot be written, the run aborted) is not skipped: it ends the crawl', async () => {
    const later = vi.fn();
    const full: CrawlSubscriber = { name: 'bundle', onState: () => { throw new GovappError('OUT_NOT_WRITABLE', 'no space left on device (ENOSPC)'); } };
    const lifecycle = new Lifecycle([full, { name: 'later', onState: later }], { warn: vi.fn() });
    const hook: HookName = 'onState';
    await expect(lifecycle.emit(hook, {} as never, { source: '', png: Buffer.alloc(0) })).rejects.toThrow(/ENOSPC/);
    expect(later).not.toHaveBeenCalled();
  });

  it('default reporters: annotations before html, junit only when asked', () => {
    expect(defaultReporters().map((r) => r.name)).toEqual(['annotations', 'html', 'repro']);
    expect(defaultReporters({ junit: 'x.xml' }).map((r) => r.name)).toEqual(['annotations', 'html', 'repro', 'junit']);
  });
});
