import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLocalAppium, serveApk } from '../../src/device/apk-server.ts';
import { buildCapabilities } from '../../src/device/capabilities.ts';

describe('an APK for a remote Appium server', () => {
  it('only a server on another host needs the APK served', () => {
    expect(isLocalAppium('http://127.0.0.1:4723')).toBe(true);
    expect(isLocalAppium('http://localhost:4723/wd/hub')).toBe(true);
    expect(isLocalAppium('http://[::1]:4723')).toBe(true);
    expect(isLocalAppium('http://grid.lab:4444')).toBe(false);
    expect(isLocalAppium('http://10.0.0.8:4723')).toBe(false);
  });

  it('serves exactly that file under an unguessable path, and nothing else; appium:app is its URL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govapp-apk-'));
    const apk = path.join(dir, 'tax 3.1.apk');
    writeFileSync(apk, Buffer.from('PK\u0003\u0004 not really an apk'));
    const served = await serveApk(apk, 'http://127.0.0.1:4723', { bindAddress: '127.0.0.1' });
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/tax%203\.1\.apk$/);
      const ok = await fetch(served.url);
      expect(ok.status).toBe(200);
      expect(Buffer.from(await ok.arrayBuffer()).toString()).toContain('not really an apk');
      const u = new URL(served.url);
      expect((await fetch(`${u.origin}/tax%203.1.apk`)).status).toBe(404);
      expect((await fetch(`${u.origin}/`)).status).toBe(404);
      const caps = buildCapabilities({ kind: 'apk', apk }, { udid: 'emulator-5554', appUrl: served.url });
      expect(caps['appium:app']).toBe(served.url);
    } finally {
      await served.close();
    }
  });

  it('an unreadable APK is one clear error naming it', async () => {
    await expect(serveApk('/nope/app.apk', 'http://10.0.0.8:4723', { bindAddress: '127.0.0.1' })).rejects.toThrowError(/--app \/nope\/app\.apk: cannot read the APK/);
  });
});
