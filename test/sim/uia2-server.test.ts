/** The UiAutomator2 server stand-in on its own (no Appium): what the real driver relies on. */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SimDevice } from '../../drivers/android-sim/lib/sim-device.ts';
import { Uia2Server } from '../../drivers/android-sim/lib/uia2-server.ts';
import { tokenize } from '../../drivers/android-sim/lib/shell.ts';
import { sampleApp } from '../helpers/paths.ts';

async function session(opts: ConstructorParameters<typeof SimDevice>[0]) {
  const d = new SimDevice(opts);
  d.launch('cn.gov.example.office');
  const s = new Uia2Server(d);
  const created = (await s.handle('POST', '/session', { capabilities: { firstMatch: [{}] } })).body as { value: { sessionId: string } };
  const id = created.value.sessionId;
  const call = async (method: string, p: string, body: Record<string, unknown> = {}) => (await s.handle(method, `/session/${id}${p}`, body)) as { status: number; body: { value: any } };
  return { d, s, call };
}

describe('UiAutomator2 server stand-in', () => {
  it('page source root as UiAutomator2 writes it; window size without the nav bar, screenshot full size', async () => {
    const { call, d } = await session({ serial: 'e1', apps: [sampleApp('office-compliant')] });
    const src = (await call('GET', '/source')).body.value as string;
    expect(src).toMatch(/^<\?xml version='1\.0' encoding='UTF-8' standalone='yes' \?>\n<hierarchy index="0" class="hierarchy" rotation="0" width="1080" height="2208">/);
    expect((await call('GET', '/window/current/size')).body.value).toEqual({ width: 1080, height: 2340 - d.navBarHeight });
    const png = Buffer.from((await call('GET', '/screenshot')).body.value, 'base64');
    expect(await sharp(png).metadata()).toMatchObject({ width: 1080, height: 2340 });
  });

  it('setText cuts at max-text-length in UTF-16 units; a split pair shows as ?', async () => {
    const { call, d } = await session({ serial: 'e2', apps: [sampleApp('office-compliant')] });
    const found = (await call('POST', '/element', { strategy: 'id', selector: 'cn.gov.example.office:id/et_user' })).body.value;
    const el = found['element-6066-11e4-a52e-4f735466cecf'];
    const node = d.view().nodes.find((n) => n.attrs['resource-id'] === 'cn.gov.example.office:id/et_user')!;
    // The login field has no limit: the text goes in whole, and the keyboard comes up.
    expect((await call('POST', `/element/${el}/value`, { text: '𠀀𠮷', replace: true })).status).toBe(200);
    expect((await call('GET', `/element/${el}/text`)).body.value).toBe('𠀀𠮷');
    expect(d.keyboardShown).toBe(true);
    // Give it a limit of 3 units, as an app's LengthFilter would.
    d.foreground()!.screens.source('login').nodes[node.index].attrs['max-text-length'] = '3';
    const el2 = (await call('POST', '/element', { strategy: 'id', selector: 'cn.gov.example.office:id/et_user' })).body.value['element-6066-11e4-a52e-4f735466cecf'];
    await call('POST', `/element/${el2}/value`, { text: '𠀀𠮷', replace: true });
    expect((await call('GET', `/element/${el2}/text`)).body.value).toBe('𠀀?');
    // The first back only hides the keyboard.
    d.back();
    expect(d.keyboardShown).toBe(false);
    expect(d.focus().activity).toBe('cn.gov.example.office.LoginActivity');
  });

  it('a stale element, an unknown route and a wrong session answer as the real server does', async () => {
    const { call, s } = await session({ serial: 'e3', apps: [sampleApp('office-compliant')] });
    expect((await call('GET', '/element/s999.1/text')).body.value.error).toBe('stale element reference');
    expect((await call('GET', '/no/such/route')).body.value.error).toBe('unknown command');
    expect(((await s.handle('GET', '/session/nope/source', {})).body as any).value.error).toBe('invalid session id');
    expect(((await s.handle('GET', '/status', {})).body as any).value.ready).toBe(true);
  });

  it('after an input the UI is busy for the animation; the source waits for idle, at most waitForIdleTimeout', async () => {
    const { call, d } = await session({ serial: 'e4', apps: [sampleApp('office-compliant')], profile: { latency: { animation: 5000 } } });
    await call('POST', '/appium/settings', { settings: { waitForIdleTimeout: 30 } });
    await call('POST', '/actions', { actions: [{ type: 'pointer', id: 'f', actions: [{ type: 'pointerMove', x: 5, y: 5 }, { type: 'pointerDown' }, { type: 'pointerUp' }] }] });
    const before = d.sleptMs;
    await call('GET', '/source');
    expect(d.sleptMs - before).toBeGreaterThan(0);
    expect(d.sleptMs - before).toBeLessThanOrEqual(30);
  });
});

describe('shell tokenizer', () => {
  it('splits as sh does for the quoting adb clients use', () => {
    expect(tokenize(`am start -n 'a/.B' -e k "v w" x\\ y`)).toEqual(['am', 'start', '-n', 'a/.B', '-e', 'k', 'v w', 'x y']);
    expect(tokenize(`echo ''`)).toEqual(['echo', '']);
  });
});
