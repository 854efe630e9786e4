import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { finalizeReporter } from '../../reports/finalize.ts';
import { Lifecycle } from '../../src/lifecycle.ts';
import type { Findings } from '../../src/findings/schema.ts';
import { writeSealedBundle } from '../helpers/fake-bundle.ts';

const findingsOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'findings.json'), 'utf8')) as Findings;

describe('finalize as a lifecycle subscriber', () => {
  it('on onCrawlEnd: the report, then the manifest with the APK hash the crawl gave', async () => {
    const dir = await writeSealedBundle('river-patrol');
    const finalize = finalizeReporter({});
    await new Lifecycle([finalize]).emit('onCrawlEnd', dir, findingsOf(dir), { app: { apkSha256: 'a'.repeat(64) } });
    expect(finalize.error).toBeUndefined();
    expect(existsSync(path.join(dir, 'report.html'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ reason: 'crawl', app: { apkSha256: 'a'.repeat(64) } });
  });

  it('a bundle it cannot finish: logged and skipped by the lifecycle, but kept for the caller to end the run with', async () => {
    const dir = await writeSealedBundle('river-patrol');
    const sealed = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
    symlinkSync('/etc/passwd', path.join(dir, 'states', 'planted.png'));
    const finalize = finalizeReporter({});
    const warn = vi.fn();
    await new Lifecycle([finalize], { warn }).emit('onCrawlEnd', dir, findingsOf(dir));
    expect(finalize.error).toMatchObject({ code: 'BAD_BUNDLE' });
    expect(warn.mock.calls[0][0]).toMatchObject({ subscriber: 'finalize', hook: 'onCrawlEnd' });
    // Nothing rewritten through the link: the old manifest stands, none archived.
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(sealed);
    expect(existsSync(path.join(dir, 'history'))).toBe(false);
  });
});
