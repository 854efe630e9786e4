import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppsFile } from '../../batch/apps-file.ts';
import { checkDevicesFitApps, resolveSlots } from '../../batch/batch.ts';
import { assignPorts, hubSlots, loadDevicesFile } from '../../batch/devices-file.ts';
import { resetCommandFor, runReset } from '../../batch/reset-hook.ts';
import { silentLogger } from '../../src/log.ts';
import { SHARED_APPS, sampleApp } from '../helpers/paths.ts';

function yamlFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'govapp-batchcfg-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('apps.yaml', () => {
  it('resolves app-graph, apk and package entries with defaults, ids and paths relative to the file', () => {
    const file = yamlFile(
      'apps.yaml',
      `defaults: { maxMinutes: 5, retries: 1, timeoutMinutes: 8, ocr: off }
apps:
  - appGraph: ${SHARED_APPS}/study-portal
  - id: tax
    apk: apks/Tax App 3.1.apk
    package: cn.gov.tax.app
    config: creds/tax.yaml
    maxActions: 300
    retries: 0
  - package: cn.gov.example.office
    activity: .MainActivity
`,
    );
    const apps = loadAppsFile(file);
    const dir = path.dirname(file);
    expect(apps.map((a) => a.id)).toEqual(['study-portal', 'tax', 'cn.gov.example.office']);
    expect(apps[0]).toMatchObject({
      target: { kind: 'app-graph', dir: sampleApp('study-portal'), package: 'cn.gov.example.study' },
      package: 'cn.gov.example.study',
      label: '某省干部网络学院',
      options: { maxMinutes: 5, retries: 1, timeoutMs: 480_000, ocr: 'off' },
    });
    expect(apps[1]).toMatchObject({
      target: { kind: 'apk', apk: path.join(dir, 'apks/Tax App 3.1.apk'), package: 'cn.gov.tax.app' },
      options: { maxActions: 300, retries: 0, maxMinutes: 5, configFile: path.join(dir, 'creds/tax.yaml') },
    });
    expect(apps[2].target).toEqual({ kind: 'package', package: 'cn.gov.example.office', activity: '.MainActivity' });
  });

  it('derives a usable id from an APK file name', () => {
    const apps = loadAppsFile(yamlFile('a.yaml', 'apps:\n  - apk: 掌上 政务.apk\n'));
    expect(apps[0].id).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it.each([
    ['apps: []\n', 'apps: lists no app'],
    ['apps:\n  - {}\n', 'apps[0]: needs one of appGraph, apk or package'],
    ['apps:\n  - package: cn.gov.x\n    maxActions: -3\n', 'apps[0].maxActions'],
    ['apps:\n  - package: cn.gov.x\n    colour: red\n', 'apps[0]'],
    ['apps:\n  - package: not a package\n', 'apps[0].package: not an Android package name'],
    ['apps:\n  - package: cn.gov.x\n  - package: cn.gov.x\n', 'apps[1].id: "cn.gov.x" is also the id of apps[0]'],
    ['apps:\n  - appGraph: /nonexistent/dir\n', 'apps[0].appGraph: /nonexistent/dir: not a directory'],
    ['apps:\n  - appGraph: /x\n    package: cn.gov.x\n', 'apps[0]: appGraph takes no apk, package or activity'],
    ['apps: [\n', 'not valid YAML'],
  ])('rejects %j naming the file and field', (text, msg) => {
    const file = yamlFile('apps.yaml', text);
    let err: any;
    try {
      loadAppsFile(file);
    } catch (e) {
      err = e;
    }
    expect(err?.code).toBe('BAD_CONFIG');
    expect(err.message).toContain(file);
    expect(err.message).toContain(msg);
    expect(err.message).not.toContain('\n');
  });

  it('names a missing file', () => {
    expect(() => loadAppsFile('/nonexistent/apps.yaml')).toThrow('/nonexistent/apps.yaml: no such file');
  });
});

describe('devices.yaml', () => {
  it('gives every device distinct UiAutomator2 ports, keeping the ones it names', () => {
    const file = yamlFile(
      'devices.yaml',
      `appiumUrl: http://127.0.0.1:4723
capabilities: { "appium:platformVersion": "14" }
devices:
  - udid: emulator-5554
  - udid: emulator-5556
    systemPort: 8200
    appiumUrl: http://127.0.0.1:4724
  - avd: govapp-2
    capabilities: { "appium:avdLaunchTimeout": 180000 }
`,
    );
    const { slots, hub } = loadDevicesFile(file);
    expect(hub).toBe(false);
    expect(slots.map((s) => [s.id, s.appiumUrl])).toEqual([
      ['emulator-5554', 'http://127.0.0.1:4723'],
      ['emulator-5556', 'http://127.0.0.1:4724'],
      ['govapp-2', 'http://127.0.0.1:4723'],
    ]);
    expect(slots.map((s) => s.device.systemPort)).toEqual([8201, 8200, 8202]);
    expect(new Set(slots.map((s) => s.device.chromedriverPort)).size).toBe(3);
    expect(new Set(slots.map((s) => s.device.mjpegServerPort)).size).toBe(3);
    expect(slots[2].device).toMatchObject({ avd: 'govapp-2', extra: { 'appium:platformVersion': '14', 'appium:avdLaunchTimeout': 180000 } });
  });

  it('turns a hub into N capacity slots on one URL', () => {
    const { slots, hub } = loadDevicesFile(yamlFile('d.yaml', 'hub: http://grid.lab:4444\nslots: 3\ncapabilities: { "df:tags": "govapp" }\n'));
    expect(hub).toBe(true);
    expect(slots.map((s) => s.id)).toEqual(['hub-1', 'hub-2', 'hub-3']);
    expect(slots.every((s) => s.appiumUrl === 'http://grid.lab:4444' && s.device.extra?.['df:tags'] === 'govapp')).toBe(true);
    expect(new Set(slots.map((s) => s.device.systemPort)).size).toBe(3);
  });

  it.each([
    ['devices: []\n', 'devices: lists no device'],
    ['devices:\n  - systemPort: 8300\n', 'devices[0]: needs udid, avd or its own appiumUrl'],
    ['devices:\n  - udid: a\n    appiumUrl: ftp://x\n', 'devices[0].appiumUrl'],
    ['devices:\n  - udid: a\n  - udid: a\n', 'devices[1]: "a" is also devices[0]'],
    ['devices:\n  - { udid: a, systemPort: 8300 }\n  - { udid: b, systemPort: 8300 }\n', 'systemPort 8300 is given to both "a" and "b"'],
    ['hub: http://h:4444\ndevices:\n  - udid: a\n', 'give either devices or hub'],
    ['{}\n', 'give either devices or hub'],
    ['devices:\n  - udid: a\nslots: 2\n', 'slots: slots goes with hub'],
  ])('rejects %j naming the file and field', (text, msg) => {
    const file = yamlFile('devices.yaml', text);
    expect(() => loadDevicesFile(file)).toThrow(msg);
    expect(() => loadDevicesFile(file)).toThrow(file);
  });

  it('assignPorts skips ports another device already named', () => {
    const slots = [
      { id: 'a', device: {} },
      { id: 'b', device: { systemPort: 8200 } },
    ];
    assignPorts(slots, 'x');
    expect(slots.map((s) => (s.device as { systemPort: number }).systemPort)).toEqual([8201, 8200]);
    expect(hubSlots('http://h', 2).map((s) => s.device.mjpegServerPort)).toEqual([7810, 7811]);
  });
});

describe('resolveSlots', () => {
  const replayApp = { id: 'r', target: { kind: 'app-graph' as const, dir: '/x', package: 'a.b' }, options: {} };
  it('starts local replay slots without devices or a URL, a hub with a URL', () => {
    expect(resolveSlots({ concurrency: 3 }, [replayApp])).toMatchObject({ local: true, slots: [{ id: 'replay-1' }, { id: 'replay-2' }, { id: 'replay-3' }] });
    expect(resolveSlots({ appiumUrl: 'http://grid:4444', concurrency: 2 }, [replayApp]).slots.map((s) => s.appiumUrl)).toEqual(['http://grid:4444', 'http://grid:4444']);
  });
  it('refuses APKs and packages without a device to run them on', () => {
    expect(() => resolveSlots({}, [replayApp, { id: 'p', target: { kind: 'package', package: 'a.b' }, options: {} }])).toThrow(/p: an APK or package needs a device/);
  });
});

describe('devices.yaml reset hook', () => {
  it('applies the file-level reset to every device, filling in {udid} shell-quoted', async () => {
    const { slots } = loadDevicesFile(yamlFile('d.yaml', `reset: "echo {udid} > {id}.txt"\ndevices:\n  - udid: "emu 1'x"\n  - { udid: b, reset: "exit 3" }\n`));
    expect(resetCommandFor(slots[0])).toBe(`echo 'emu 1'\\''x' > 'emu 1'\\''x'.txt`);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'govapp-reset-'));
    expect(await runReset(slots[0], { cwd, log: silentLogger })).toBe(true);
    expect(readFileSync(path.join(cwd, "emu 1'x.txt"), 'utf8')).toBe("emu 1'x\n");
    expect(await runReset(slots[1], { cwd, log: silentLogger })).toBe(false);
    expect(await runReset({ id: 'n', device: {} }, { cwd, log: silentLogger })).toBe(true);
  });
  it('refuses a reset on a hub', () => {
    expect(() => loadDevicesFile(yamlFile('d.yaml', 'hub: http://h:4444\nreset: "x"\n'))).toThrow('reset: reset needs devices');
  });
});

describe('checkDevicesFitApps', () => {
  it('refuses hub slots without udid for APK and package apps, names the way out', () => {
    const pkg = { id: 'tax', target: { kind: 'package' as const, package: 'cn.gov.tax' }, options: {} };
    expect(() => checkDevicesFitApps(hubSlots('http://grid:4444', 2), [pkg])).toThrow(/tax: an APK or package needs a named device, but hub-1, hub-2 has no udid or avd; list the devices in devices\.yaml/);
    expect(() => checkDevicesFitApps([{ id: 'e', appiumUrl: 'http://grid:4444', device: { udid: 'emulator-5554' } }], [pkg])).not.toThrow();
  });
});
