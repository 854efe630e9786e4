import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.ts';
import { runCli } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';
import { readJournal } from '../batch/batch-check.ts';

describe('batch: an app whose own input is hostile fails once and never counts against the device', () => {
  it('a 5,000-deep page source fails that app (BAD_PAGE_SOURCE, one attempt); the other apps finish on the only device', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'govapp-blame-'));
    const hostile = path.join(dir, 'hostile');
    cpSync(sampleApp('study-portal'), hostile, { recursive: true });
    writeFileSync(path.join(hostile, 'states/about.xml'), `<hierarchy rotation="0">${'<node bounds="[0,0][10,10]">'.repeat(5000)}${'</node>'.repeat(5000)}</hierarchy>`);
    const apps = path.join(dir, 'apps.yaml');
    writeFileSync(
      apps,
      `defaults: { maxMinutes: 2, ocr: off }\napps:\n  - id: hostile\n    appGraph: ${hostile}\n  - id: study\n    appGraph: ${sampleApp('study-portal')}\n  - id: river\n    appGraph: ${sampleApp('river-patrol')}\n`,
    );
    const devices = path.join(dir, 'devices.yaml');
    writeFileSync(devices, `appiumUrl: ${inject('appiumUrl')}\ndevices:\n  - udid: only-one\n`);
    const out = path.join(dir, 'out');
    // Quarantine after a single device fault: if the hostile app were blamed on the device, nothing else would run.
    const r = await runCli(['batch', apps, '--out', out, '--devices', devices, '--quarantine-after', '1', '--retries', '2', '--quiet'], { timeoutMs: 300_000 });
    expect(r.code, r.stdout + r.stderr).toBe(EXIT.RUNTIME); // one app ended in error
    expect(r.stdout).toMatch(/3 apps: 2 ok, 1 error, 0 unfinished/);
    const journal = readJournal(out);
    expect(journal.filter((x) => x.type === 'quarantine')).toEqual([]);
    const starts = journal.filter((x) => x.type === 'start' && x.app === 'hostile');
    expect(starts).toHaveLength(1);
    const fail = journal.find((x) => x.type === 'fail' && x.app === 'hostile') as { error: { code: string }; retry: boolean } | undefined;
    expect(fail).toMatchObject({ error: { code: 'BAD_PAGE_SOURCE' }, retry: false });
    for (const id of ['study', 'river']) expect(journal.some((x) => x.type === 'done' && x.app === id)).toBe(true);
  });
});
