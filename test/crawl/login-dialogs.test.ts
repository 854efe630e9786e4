import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { crawl } from '../../crawlers/crawl.ts';
import { parseJsonLines } from '../../src/fs/atomic.ts';
import type { ObservedAction } from '../../src/observation.ts';
import { sampleApp } from '../helpers/paths.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';

// The replay driver in this process instead of an Appium server (test/helpers/in-process-session.ts).
vi.mock('../../src/device/session.ts', () => import('../helpers/in-process-session.ts'));

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const config = (text: string) => {
  const f = path.join(tmp('govapp-cfg-'), 'govapp.yaml');
  writeFileSync(f, text);
  return f;
};
const run = (app: string, pkg: string, configFile?: string) =>
  crawl({ target: { kind: 'app-graph', dir: sampleApp(app), package: pkg }, outDir: path.join(tmp('govapp-crawl-'), 'b'), appiumUrl: IN_PROCESS_URL, ocr: 'off', configFile });
const runJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
const activities = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'screens.json'), 'utf8')) as { activity: string }[]).map((s) => s.activity);

describe('login with configured credentials', () => {
  it('wrong credentials: tried at most maxAttempts times, never past the login wall, and never written down', async () => {
    const r = await run('office-compliant', 'cn.gov.example.office', config('apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: WrongPass1, maxAttempts: 2 }\n'));
    const info = runJson(r.outDir);
    expect(info.login).toEqual({ attempts: 2, failures: 2, succeeded: false });
    expect(activities(r.outDir)).not.toContain('.MainActivity');
    const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(r.outDir, 'crawl.jsonl'), 'utf8'));
    const typed = actions.filter((a) => a.kind === 'type');
    expect(typed).toHaveLength(4);
    expect(typed.every((a) => a.detail === '[redacted]')).toBe(true);
    const everything = ['crawl.jsonl', 'run.json', 'app.json', 'findings.json', 'logs/crawl.log'].map((f) => readFileSync(path.join(r.outDir, f), 'utf8')).join();
    expect(everything).not.toContain('WrongPass1');
  });

  it('right credentials: logs in and crawls the app behind the wall', async () => {
    const r = await run('office-compliant', 'cn.gov.example.office', config('apps:\n  cn.gov.example.office:\n    credentials: { username: demo, password: Demo@2026 }\n'));
    expect(runJson(r.outDir).login).toMatchObject({ failures: 0, succeeded: true });
    expect(activities(r.outDir)).toEqual(expect.arrayContaining(['.MainActivity', '.AiChatActivity', '.AboutActivity', '.FeedbackActivity']));
    // The login steps are named as a person sees the form (the report's path reads 点击“登录”).
    const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(r.outDir, 'crawl.jsonl'), 'utf8'));
    const loginTap = actions.find((a) => a.kind === 'tap' && a.selector?.['resource-id']?.endsWith(':id/btn_login'));
    expect(loginTap?.label).toBe('登录');
    expect(actions.filter((a) => a.kind === 'type' && a.detail === '[redacted]').map((a) => a.label).every((l) => l && !/^(username|password)$/.test(l))).toBe(true);
  });
});

describe('system dialogs', () => {
  it('a permission dialog is recorded (which permission, when) and answered once, without exploring its other buttons', async () => {
    const r = await run('river-patrol', 'cn.gov.example.patrol');
    const info = runJson(r.outDir);
    expect(info.permissions[0]).toMatchObject({ permission: 'location', answer: '仅在使用该应用时允许', state: 's1' });
    expect(info.permissions[0].message).toContain('位置信息');
    const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(r.outDir, 'crawl.jsonl'), 'utf8'));
    const fromDialog = actions.filter((a) => a.from === 's1' && a.kind === 'tap');
    expect(new Set(fromDialog.map((a) => a.label))).toEqual(new Set(['仅在使用该应用时允许']));
  });

  it('a scrolled container is explored: the rows below the fold are reached', async () => {
    const r = await run('river-patrol', 'cn.gov.example.patrol');
    expect(activities(r.outDir)).toContain('.RecordsActivity');
    const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(r.outDir, 'crawl.jsonl'), 'utf8'));
    expect(actions.some((a) => a.kind === 'swipe' && a.detail === 'scroll-down' && a.outcome === 'moved')).toBe(true);
  });
});
