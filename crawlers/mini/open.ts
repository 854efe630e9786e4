import type { Logger } from 'pino';
import type { Device } from '../../src/device/device.ts';
import { GovappError } from '../../src/errors.ts';
import { center } from '../../src/geometry.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { ancestorsOf, labelOf, type Snapshot, type UiElement } from '../../src/snapshot/model.ts';
import { compactLabel } from '../safety/normalize.ts';
import { isTextField } from '../forms.ts';
import type { MiniScope } from './scope.ts';
import type { MiniTarget } from './target.ts';

export type OpenMethod = 'link' | 'recent' | 'search';

/** One step taken inside the host to reach the mini-program: navigation, never an app state. */
export interface OpenStep {
  step: 'restart-host' | 'link' | 'tap' | 'type' | 'back';
  label?: string;
  /** Where the host was after the step. */
  activity?: string;
}

export interface OpenResult {
  method: OpenMethod;
  steps: OpenStep[];
  /** The container activity (task) the mini-program opened in: its boundary. */
  activity: string;
}

export interface OpenerOptions {
  scope: MiniScope;
  target: MiniTarget;
  /** A scheme link the lab configured (govapp.yaml `miniPrograms.<key>.link`). */
  link?: string;
  /** Methods in the order tried (default: link when configured, else recent, then search). */
  methods?: OpenMethod[];
  log: Logger;
  /** How long to wait for the host to show what a step asked for (default 8 s). */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Results tried per search before giving up (a 公众号 or a chat of the same name comes first sometimes). */
const MAX_CANDIDATES = 3;

/**
 * Opens a mini-program inside its host the way a person does: restart the host (its home
 * screen), then a configured scheme link, an entry of the host's recent list, or the host's
 * search (tap 搜索, type the name, run the query, tap the result). Every step is checked by
 * where the host went; a step that does not reach the mini-program's container is undone with
 * back. Only the search field is typed into; nothing is sent, no login or account screen is
 * touched. Returns the steps, for the bundle (run.json `mini.opened`).
 */
export class MiniOpener {
  constructor(private readonly o: OpenerOptions) {}

  private get host(): string {
    return this.o.scope.hostPackage;
  }

  methods(): OpenMethod[] {
    if (this.o.methods?.length) return this.o.methods;
    if (this.o.target.quickApp || this.o.link) return ['link'];
    return ['recent', 'search'];
  }

  async open(device: Device, signal?: AbortSignal): Promise<OpenResult> {
    const failures: string[] = [];
    for (const method of this.methods()) {
      const steps: OpenStep[] = [];
      await device.terminateApp(this.host, signal).catch(() => undefined);
      const ok = await this.tryMethod(method, device, steps, signal).catch((e) => {
        if (e instanceof GovappError && ['DEVICE_OFFLINE', 'DEVICE_UNRESPONSIVE', 'ABORTED'].includes(e.code)) throw e;
        failures.push(`${method}: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
        return false;
      });
      if (ok) {
        const current = await device.currentApp(signal);
        this.o.scope.openedIn(current);
        this.o.log.info({ method, steps: steps.length, activity: current.activity }, 'mini-program opened');
        return { method, steps, activity: current.activity };
      }
      if (failures.length < this.methods().indexOf(method) + 1) failures.push(`${method}: did not reach the ${this.o.scope.profile.label} container`);
    }
    throw new GovappError('MINI_OPEN_FAILED', `could not open ${this.what()} in ${this.o.scope.profile.label} (${this.host}): ${failures.join('; ')}`);
  }

  private what(): string {
    const t = this.o.target;
    return t.quickApp ? `quick app ${t.quickApp}` : `mini-program "${t.name ?? t.appid}"`;
  }

  private async tryMethod(method: OpenMethod, device: Device, steps: OpenStep[], signal?: AbortSignal): Promise<boolean> {
    if (method === 'link') {
      const url = this.o.target.quickApp ? `hap://app/${this.o.target.quickApp}` : this.o.link;
      if (!url) throw new Error('no scheme link configured (govapp.yaml miniPrograms.<name>.link)');
      if (!device.openLink) throw new Error('this device cannot open links');
      await device.openLink(url, this.host, signal);
      steps.push({ step: 'link', label: url, activity: (await device.currentApp(signal)).activity });
      return this.waitForContainer(device, signal);
    }
    await device.activateApp(this.host, signal);
    steps.push({ step: 'restart-host', activity: (await device.currentApp(signal)).activity });
    const name = this.o.target.name;
    if (!name) throw new Error('an appid opens only through a scheme link (govapp.yaml miniPrograms.<appid>.link)');
    if (method === 'recent') return this.tapNamed(device, await this.read(device, signal), steps, signal);
    return this.search(device, name, steps, signal);
  }

  private async search(device: Device, name: string, steps: OpenStep[], signal?: AbortSignal): Promise<boolean> {
    const words = this.o.scope.profile.search;
    if (!words) throw new Error(`${this.o.scope.profile.label} has no search`);
    let s = await this.read(device, signal);
    let field = s.elements.find((e) => e.displayed && isTextField(e));
    if (!field) {
      const entry = clickableNamed(s, words.entry, 'exact');
      if (!entry) throw new Error(`no search entry (${words.entry.join('/')}) on the host's home screen`);
      await this.tap(device, s, entry, steps, signal);
      s = await this.until(device, signal, (x) => x.elements.some((e) => e.displayed && isTextField(e)));
      field = s.elements.find((e) => e.displayed && isTextField(e));
      if (!field) throw new Error('the search screen shows no search field');
    }
    await device.type(field.resourceId ? `id=${field.resourceId}` : '//*[contains(@class,"EditText")]', name, signal);
    steps.push({ step: 'type', label: name });
    // Live results, or results once the query is run (the 搜索 button beside the field).
    s = await this.until(device, signal, (x) => namedResults(x, name).length > 0, Math.min(this.o.waitMs ?? 8000, 2000));
    if (!namedResults(s, name).length) {
      const submit = clickableNamed(s, words.submit, 'exact', (e) => !isTextField(e));
      if (!submit) throw new Error(`no result named "${name}" and no 搜索 button`);
      await this.tap(device, s, submit, steps, signal);
      s = await this.until(device, signal, (x) => namedResults(x, name).length > 0);
    }
    return this.tapNamed(device, s, steps, signal);
  }

  /** Taps the entries named like the mini-program, one after the other, until one opens its container. */
  private async tapNamed(device: Device, s: Snapshot, steps: OpenStep[], signal?: AbortSignal): Promise<boolean> {
    const name = this.o.target.name!;
    const results = namedResults(s, name).slice(0, MAX_CANDIDATES);
    for (const [i, r] of results.entries()) {
      if (i > 0) s = await this.read(device, signal);
      const again = namedResults(s, name).find((e) => sameBox(e, r)) ?? r;
      await this.tap(device, s, again, steps, signal);
      if (await this.waitForContainer(device, signal)) return true;
      await device.back(signal);
      steps.push({ step: 'back', activity: (await device.currentApp(signal)).activity });
    }
    return false;
  }

  private async tap(device: Device, s: Snapshot, e: UiElement, steps: OpenStep[], signal?: AbortSignal): Promise<void> {
    const p = center(e.bounds);
    await device.tap(p.x, p.y, signal);
    steps.push({ step: 'tap', label: labelOf(s, e).slice(0, 40), activity: (await device.currentApp(signal)).activity });
  }

  private async read(device: Device, signal?: AbortSignal): Promise<Snapshot> {
    return parsePageSource(await device.pageSource(signal), `page source of ${this.host}`);
  }

  /** Polls the screen until `ok` holds or the wait is over; returns the last screen read. */
  private async until(device: Device, signal: AbortSignal | undefined, ok: (s: Snapshot) => boolean, waitMs = this.o.waitMs ?? 8000): Promise<Snapshot> {
    const started = Date.now();
    for (;;) {
      const s = await this.read(device, signal);
      if (ok(s) || Date.now() - started >= waitMs || signal?.aborted) return s;
      await sleep(this.o.pollMs ?? 300);
    }
  }

  private async waitForContainer(device: Device, signal?: AbortSignal): Promise<boolean> {
    const started = Date.now();
    for (;;) {
      const [current, s] = await Promise.all([device.currentApp(signal), this.read(device, signal)]);
      if (this.o.scope.isContainer(current) && !this.o.scope.isCapsuleMenu(s)) return true;
      if (Date.now() - started >= (this.o.waitMs ?? 8000) || signal?.aborted) return false;
      await sleep(this.o.pollMs ?? 300);
    }
  }
}

/** The tap target of an element: itself or its nearest clickable ancestor. */
function clickableOf(s: Snapshot, e: UiElement): UiElement | undefined {
  if (e.clickable) return e;
  return ancestorsOf(s, e).find((a) => a.clickable);
}

function clickableNamed(s: Snapshot, words: readonly string[], match: 'exact', keep: (e: UiElement) => boolean = () => true): UiElement | undefined {
  const set = new Set(words.map(compactLabel));
  for (const e of s.elements) {
    if (!e.displayed || !(set.has(compactLabel(e.text)) || set.has(compactLabel(e.contentDesc)))) continue;
    const c = clickableOf(s, e);
    if (c && keep(c) && match === 'exact') return c;
  }
  return undefined;
}

/** Clickable entries whose own text is the name (or starts with it), excluding the search field itself. */
export function namedResults(s: Snapshot, name: string): UiElement[] {
  const want = compactLabel(name);
  const out: UiElement[] = [];
  for (const e of s.elements) {
    if (!e.displayed || isTextField(e)) continue;
    const label = compactLabel(e.text || e.contentDesc);
    if (!label || !(label === want || label.startsWith(want))) continue;
    const c = clickableOf(s, e);
    if (c && !isTextField(c) && !out.includes(c)) out.push(c);
  }
  // The exact name first: "某市政务服务" before "某市政务服务中心".
  return out.sort((a, b) => Number(compactLabel(labelOf(s, b)) === want) - Number(compactLabel(labelOf(s, a)) === want));
}

function sameBox(a: UiElement, b: UiElement): boolean {
  return a.bounds.x1 === b.bounds.x1 && a.bounds.y1 === b.bounds.y1 && a.bounds.x2 === b.bounds.x2 && a.bounds.y2 === b.bounds.y2;
}
