import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.ts';
import { fsOps } from '../../src/fs/atomic.ts';
import { runMain } from '../helpers/cli.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';
import { sampleApp } from '../helpers/paths.ts';

const real = { ...fsOps };
afterEach(() => Object.assign(fsOps, real));

const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });
const tmpFiles = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));

describe('a full disk or a read-only --out is named in one line, and leaves no .tmp files', () => {
  it('report on a full disk: OUT_NOT_WRITABLE … no space left on device (ENOSPC), exit 1', async () => {
    const dir = await writeSealedBundle('river-patrol');
    let writes = 0;
    fsOps.writeSync = ((...args: Parameters<typeof real.writeSync>) => {
      if (++writes > 3) throw errno('ENOSPC');
      return (real.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof real.writeSync;
    const r = await runMain('report', dir);
    expect(r.code).toBe(EXIT.RUNTIME);
    const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('govapp: '));
    expect(lines.at(-1)).toMatch(new RegExp(`^govapp: OUT_NOT_WRITABLE: ${dir}/.*: no space left on device \\(ENOSPC\\)$`));
    expect(r.stderr).not.toMatch(/INTERNAL/);
    expect(tmpFiles(dir)).toEqual([]);
  });

  it('crawl into a read-only --out: OUT_NOT_WRITABLE … read-only file system (EROFS), exit 1', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'govapp-erofs-')), 'out');
    fsOps.renameSync = ((from: string, to: string) => {
      if (String(to).startsWith(out)) throw errno('EROFS');
      real.renameSync(from, to);
    }) as typeof real.renameSync;
    const r = await runMain('crawl', '--app', sampleApp('study-portal'), '--out', out, '--appium-url', inject('appiumUrl'), '--ocr', 'off', '--quiet');
    expect(r.code).toBe(EXIT.RUNTIME);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^govapp: OUT_NOT_WRITABLE: ${out}/\\S+: read-only file system \\(EROFS\\)\\n$`));
    expect(tmpFiles(out)).toEqual([]);
  });
});
