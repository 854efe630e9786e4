import { REDACTED } from '../../crawlers/login.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { crawl } from '../../crawlers/crawl.ts';
import type { SkippedAction } from '../../crawlers/actions.ts';
import type { OcrMode } from '../../crawlers/types.ts';
import type { SafetyLevel } from '../../crawlers/safety.ts';
import { signatureOf, stateHash } from '../../crawlers/state-key.ts';
import { loadAppGraph } from '../../src/appgraph/load.ts';
import { parseJsonLines } from '../../src/fs/atomic.ts';
import type { ObservedAction } from '../../src/observation.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { FIXTURES } from '../helpers/paths.ts';
import { IN_PROCESS_URL } from '../helpers/in-process-session.ts';

// The replay driver in this process instead of an Appium server (test/helpers/in-process-session.ts).
vi.mock('../../src/device/session.ts', () => import('../helpers/in-process-session.ts'));

/**
 * A hostile app (test/fixtures/apps/hostile): every dangerous control — traditional script,
 * English, zero-width and Kangxi look-alikes, parents hiding their child's label, id-only and
 * image-only buttons, switches, an auto-renew checkbox, confirm dialogs, a payment sheet, a
 * change-password form — leads to a `forbidden-*` state that a safe crawl never reaches,
 * through the real Appium server and the replay driver.
 */
const APP = path.join(FIXTURES, 'apps', 'hostile');
const PKG = 'cn.gov.example.hostile';
const { graph } = loadAppGraph(APP);
const HASHES = new Map(graph.states.map((s) => [s.id, stateHash(signatureOf(parsePageSource(readFileSync(path.join(APP, s.source), 'utf8')), { package: PKG, activity: s.activity ?? '' }))]));
const FORBIDDEN = graph.states.map((s) => s.id).filter((id) => id.startsWith('forbidden-'));
const HARMLESS = ['login', 'reset', 'register', 'home', 'news', 'news-1', 'guide', 'clear-confirm', 'devices', 'device-confirm', 'apply', 'mine', 'about', 'feedback', 'security', 'settings', 'orders', 'order-detail', 'bill', 'vip'];
const PASSWORD = 'Hostile@2026';

async function crawlHostile(o: { ocr: OcrMode; safety?: SafetyLevel }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'govapp-hostile-'));
  const configFile = path.join(dir, 'govapp.yaml');
  writeFileSync(configFile, `apps:\n  ${PKG}:\n    credentials: { username: demo, password: ${PASSWORD} }\nprobes:\n  timerSeconds: 1\n`);
  const result = await crawl({ target: { kind: 'app-graph', dir: APP, package: PKG }, outDir: path.join(dir, 'b'), appiumUrl: IN_PROCESS_URL, ocr: o.ocr, safety: o.safety, configFile, maxActions: 400 });
  const out = result.outDir;
  const screens = JSON.parse(readFileSync(path.join(out, 'screens.json'), 'utf8')) as { state: string; activity: string; source: string }[];
  const hashToId = new Map([...HASHES].map(([id, h]) => [h, id]));
  const idOf = new Map(screens.map((s) => [s.state, hashToId.get(stateHash(signatureOf(parsePageSource(readFileSync(path.join(out, s.source), 'utf8')), { package: PKG, activity: s.activity })))]));
  const reached = new Set([...idOf.values()].filter((x): x is string => !!x));
  const actions = parseJsonLines<ObservedAction>(readFileSync(path.join(out, 'crawl.jsonl'), 'utf8'));
  const skipped = parseJsonLines<SkippedAction & { state: string }>(readFileSync(path.join(out, 'skipped.jsonl'), 'utf8'));
  const run = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'));
  const bundleText = ['crawl.jsonl', 'run.json', 'app.json', 'skipped.jsonl', 'logs/crawl.log'].map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
  return { result, reached, idOf, actions, skipped, run, bundleText };
}

describe('a crawl over the hostile fixture app', () => {
  it('default level, OCR on: no dangerous action taken, every harmless screen reached, every refusal recorded with its reason', async () => {
    const c = await crawlHostile({ ocr: 'paddle' });
    expect(c.result.stopReason).toBe('explored');
    expect(FORBIDDEN.filter((id) => c.reached.has(id))).toEqual([]);
    expect(HARMLESS.filter((id) => !c.reached.has(id))).toEqual([]);
    const refusedIn = (id: string) => c.skipped.filter((x) => c.idOf.get(x.state) === id);
    for (const x of c.skipped) {
      expect(x.reason, JSON.stringify(x)).toBeTruthy();
      expect(x.intent, JSON.stringify(x)).toBeTruthy();
    }
    // The image-only 提交 was refused on its OCR text; the others on what the tree says.
    expect(refusedIn('apply').map((x) => [x.intent, x.source])).toEqual(expect.arrayContaining([['submit', 'text'], ['submit', 'ocr']]));
    expect(new Set(refusedIn('settings').map((x) => x.intent))).toEqual(new Set(['toggle', 'delete', 'logout', 'deregister']));
    expect(new Set(refusedIn('orders').map((x) => x.intent))).toEqual(new Set(['pay', 'delete']));
    expect(new Set(refusedIn('vip').map((x) => x.intent))).toEqual(new Set(['toggle', 'subscribe', 'pay', 'delete']));
    expect(refusedIn('clear-confirm').map((x) => [x.label, x.intent])).toEqual([['确定', 'confirm']]);
    expect(refusedIn('device-confirm').map((x) => [x.label, x.intent])).toEqual([['OK', 'confirm']]);
    expect(refusedIn('bill').map((x) => x.intent)).toEqual(['pay']);
  });

  it('with credentials: logs in on the login form only; the change-password, reset and register forms are never typed into or submitted', async () => {
    const c = await crawlHostile({ ocr: 'off' });
    expect(c.run.login).toMatchObject({ succeeded: true, failures: 0 });
    const typed = c.actions.filter((a) => a.kind === 'type');
    expect(typed.length).toBeGreaterThan(0);
    const typedOn = new Set(typed.filter((a) => a.detail === REDACTED).map((a) => c.idOf.get(a.from)));
    expect([...typedOn]).toEqual(['login']);
    // Only the encoding probe types elsewhere, into harmless fields, never into a password form.
    for (const a of typed.filter((x) => x.detail !== REDACTED)) expect(['apply', 'feedback']).toContain(c.idOf.get(a.from));
    expect(c.actions.filter((a) => ['security', 'reset', 'register'].includes(c.idOf.get(a.from) ?? '') && a.kind === 'type')).toEqual([]);
    expect(c.reached.has('security')).toBe(true);
    expect(['forbidden-password-changed', 'forbidden-password-reset', 'forbidden-registered'].filter((id) => c.reached.has(id))).toEqual([]);
    expect(c.run.forms.map((f: { state: string; kind: string }) => [c.idOf.get(f.state), f.kind]).sort()).toEqual([['login', 'login'], ['register', 'register'], ['reset', 'reset'], ['security', 'change-password']]);
    expect(c.bundleText).not.toContain(PASSWORD);
  });

  it('with OCR off, an image-only button is judged on its id and class only (docs/safety.md): it is the one dangerous tap left', async () => {
    const c = await crawlHostile({ ocr: 'off' });
    expect(FORBIDDEN.filter((id) => c.reached.has(id))).toEqual(['forbidden-submitted-image']);
  });

  it('strict level: navigation only — rows, tabs, links and back; every button refused and recorded', async () => {
    const c = await crawlHostile({ ocr: 'off', safety: 'strict' });
    expect(FORBIDDEN.filter((id) => c.reached.has(id))).toEqual([]);
    expect(['home', 'news', 'news-1', 'guide', 'devices', 'mine', 'about', 'feedback', 'security', 'settings', 'orders', 'vip', 'reset', 'register'].filter((id) => !c.reached.has(id))).toEqual([]);
    // 立即申请, 清理浏览记录 and 查看账单 are buttons: observe-only does not press them.
    expect(['apply', 'clear-confirm', 'bill'].filter((id) => c.reached.has(id))).toEqual([]);
    expect(c.skipped.some((x) => x.label === '立即申请' && x.intent === 'not-navigation')).toBe(true);
    expect(c.run.options.safety).toBe('strict');
  });
});
