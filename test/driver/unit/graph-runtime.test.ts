/** GraphRuntime without Appium: a literal app-graph, a fake clock. */
import { describe, expect, it } from 'vitest';
import { appGraphSchema, type AppGraph } from '../../../src/appgraph/schema.ts';
import { parsePageSource } from '../../../src/snapshot/parse.ts';
import { GraphRuntime } from '../../../drivers/replay/lib/graph-runtime.ts';
import { formatElapsed } from '../../../drivers/replay/lib/state-view.ts';
import { nodesFromSnapshot } from '../../../drivers/replay/lib/view.ts';

const PKG = 'cn.test.app';

/** A screen titled `title` with a clickable button per id (stacked 100 px high) and an EditText `et`. */
function screenXml(title: string, buttons: string[] = []): string {
  const b = buttons
    .map((id, i) => `<node index="${i + 1}" class="android.widget.Button" package="${PKG}" text="${id}" resource-id="${PKG}:id/${id}" clickable="true" bounds="[0,${100 * (i + 1)}][400,${100 * (i + 2)}]"/>`)
    .join('');
  return `<hierarchy rotation="0"><node index="0" class="android.widget.FrameLayout" package="${PKG}" text="" clickable="false" bounds="[0,0][400,800]">
    <node index="0" class="android.widget.TextView" package="${PKG}" text="${title}" resource-id="${PKG}:id/title" clickable="false" bounds="[0,0][400,100]"/>${b}
    <node index="9" class="android.widget.EditText" package="${PKG}" text="请输入" hint="请输入" resource-id="${PKG}:id/et" clickable="true" bounds="[0,700][400,800]"/>
  </node></hierarchy>`;
}

function runtime(graph: Record<string, unknown>, buttons: Record<string, string[]> = {}) {
  const g: AppGraph = appGraphSchema.parse({
    format: 'app-graph/1', app: { package: PKG, label: 'Test' }, device: { width: 400, height: 800 }, ...graph,
  });
  const sources = new Map(g.states.map((s) => {
    const snap = parsePageSource(screenXml(s.id, buttons[s.id]));
    return [s.id, { nodes: nodesFromSnapshot(snap), rotation: 0 }];
  }));
  const clock = { t: 1_000_000 };
  const rt = new GraphRuntime(g, (id) => sources.get(id)!, { now: () => clock.t });
  rt.launch();
  /** Taps the button with that id (button i sits at y = 100 (i+1) + 50). */
  const press = (state: string, id: string) => rt.tap(200, 100 * (buttons[state].indexOf(id) + 1) + 50);
  const title = () => rt.view().nodes.find((n) => n.attrs['resource-id'] === `${PKG}:id/title`)?.attrs.text ?? 'launcher';
  return { rt, clock, press, title };
}

const states = (...ids: string[]) => ids.map((id) => ({ id, source: `${id}.xml`, screenshot: `${id}.png` }));

describe('GraphRuntime', () => {
  it('pushes, replaces, pops (@back and back key) and backgrounds the app on the last pop', () => {
    const { rt, press } = runtime(
      {
        start: 'a', states: states('a', 'b', 'c', 'd'),
        transitions: [
          { from: 'a', on: { 'resource-id': `${PKG}:id/push` }, to: 'b' },
          { from: 'b', on: { text: 'replace' }, to: 'c', replace: true },
          { from: 'c', on: { text: 'up' }, to: '@back' },
          { from: 'c', key: 'back', to: 'd' },
        ],
      },
      { a: ['push'], b: ['replace'], c: ['up'] },
    );
    press('a', 'push');
    expect(rt.backStack()).toEqual(['a', 'b']);
    press('b', 'replace');
    expect(rt.backStack()).toEqual(['a', 'c']);
    rt.back(); // c has a back-key transition
    expect(rt.backStack()).toEqual(['a', 'c', 'd']);
    rt.back();
    press('c', 'up');
    expect(rt.backStack()).toEqual(['a']);
    expect(rt.appState(PKG)).toBe(4);
    rt.back();
    expect([rt.backStack(), rt.appStatus, rt.currentPackage(), rt.appState(PKG)]).toEqual([[], 'background', 'com.android.launcher3', 3]);
  });

  it('fires timers lazily at their due time, chained from when each state was entered', () => {
    const { rt, clock, title, press } = runtime(
      {
        start: 'a', states: states('a', 'b', 'c', 'toast'),
        transitions: [
          { from: 'a', after: 1, to: 'b', replace: true },
          { from: 'b', after: 1, to: 'c', replace: true },
          { from: 'c', on: { text: 'save' }, to: 'toast' },
          { from: 'toast', after: 0.5, to: '@back' },
        ],
      },
      { c: ['save'] },
    );
    clock.t += 999;
    expect(title()).toBe('a');
    clock.t += 1;
    expect(title()).toBe('b');
    clock.t += 500; // b was entered at its due time, not when it was first seen
    expect(title()).toBe('b');
    clock.t += 500;
    expect(title()).toBe('c');
    clock.t += 5000; // nothing scheduled from c
    press('c', 'save');
    clock.t += 499;
    expect(title()).toBe('toast');
    clock.t += 1;
    expect(rt.backStack()).toEqual(['c']);
  });

  it('catches up on several overdue timers in one request', () => {
    const { rt, clock } = runtime({
      start: 'a', states: states('a', 'b', 'c'),
      transitions: [{ from: 'a', after: 1, to: 'b' }, { from: 'b', after: 1, to: 'c' }],
    });
    clock.t += 60_000;
    expect(rt.backStack()).toEqual(['a', 'b', 'c']);
  });

  it('falls through a failing `when` without `else`; `else` pushes', () => {
    const { rt, press } = runtime(
      {
        start: 'login', states: states('login', 'admin', 'user', 'error'),
        transitions: [
          { from: 'login', on: { text: 'go' }, when: { [`${PKG}:id/et`]: 'admin' }, to: 'admin', replace: true },
          { from: 'login', on: { text: 'go' }, when: { [`${PKG}:id/et`]: 'user' }, to: 'user', replace: true, else: 'error' },
        ],
      },
      { login: ['go'] },
    );
    rt.type(rt.view().nodes.find((n) => n.attrs['resource-id'] === `${PKG}:id/et`)!.index, 'nobody', 'append');
    press('login', 'go');
    expect(rt.backStack()).toEqual(['login', 'error']);
    rt.back();
    const et = rt.view().nodes.find((n) => n.attrs['resource-id'] === `${PKG}:id/et`)!.index;
    rt.type(et, 'admin', 'replace');
    press('login', 'go');
    expect(rt.backStack()).toEqual(['admin']);
  });

  it('stores typed text per entry: hint text counts as empty, unsupported code points are replaced', () => {
    const { rt, press } = runtime(
      { start: 'a', states: states('a', 'b'), transitions: [{ from: 'a', on: { text: 'next' }, to: 'b' }], input: { unsupported: [['U+20000', 'U+2FFFF']], replacement: '□' } },
      { a: ['next'] },
    );
    const et = () => rt.view().nodes.find((n) => n.attrs['resource-id'] === `${PKG}:id/et`)!;
    expect(rt.type(et().index, 'x𠀀y', 'append')).toBe('x□y'); // the source text equals the hint: empty field
    expect(rt.type(et().index, '\uE003z', 'append')).toBe('x□z');
    press('a', 'next');
    expect(et().attrs.text).toBe('请输入'); // b's own field
    rt.back();
    expect(et().attrs.text).toBe('x□z'); // a stayed on the stack
    rt.back();
    rt.activate(PKG);
    expect(et().attrs.text).toBe('请输入');
  });

  it('replaces the top on a gesture unless the transition says otherwise', () => {
    const { rt } = runtime({
      start: 'a', states: states('a', 'b', 'c'),
      transitions: [{ from: 'a', gesture: 'scroll-down', to: 'b' }, { from: 'b', gesture: 'scroll-left', to: 'c', replace: false }],
    });
    expect(rt.gesture('scroll-up')).toBe(false);
    expect(rt.gesture('scroll-down')).toBe(true);
    expect(rt.gesture('scroll-left')).toBe(true);
    expect(rt.backStack()).toEqual(['b', 'c']);
  });

  it('activates, terminates and reports app states', () => {
    const { rt } = runtime({ start: 'a', states: [...states('a'), { id: 'perm', package: 'com.android.permissioncontroller', source: 'p.xml', screenshot: 'p.png' }] });
    expect([rt.appState(PKG), rt.appState('com.android.launcher3'), rt.appState('com.android.permissioncontroller'), rt.appState('x.y')]).toEqual([4, 3, 1, 0]);
    rt.home();
    expect([rt.appState(PKG), rt.appState('com.android.launcher3')]).toEqual([3, 4]);
    expect(rt.terminate(PKG)).toBe(true);
    expect([rt.appState(PKG), rt.terminate(PKG)]).toEqual([1, false]);
    rt.activate(PKG);
    expect([rt.appState(PKG), rt.backStack()]).toEqual([4, ['a']]);
  });

  it('formats elapsed time as HH:MM:SS', () => {
    expect([formatElapsed(0), formatElapsed(999), formatElapsed(61_000), formatElapsed(3_723_000), formatElapsed(-5)]).toEqual([
      '00:00:00', '00:00:00', '00:01:01', '01:02:03', '00:00:00',
    ]);
  });
});
