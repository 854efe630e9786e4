import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatedPath, annotateFindings, overlaySvg, textWidth } from '../../reports/annotate.ts';
import { readFindings } from '../../reports/bundle-data.ts';
import { writeFakeBundle } from '../helpers/fake-bundle.ts';

const dir = writeFakeBundle('study-portal');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('annotated screenshots', () => {
  it('writes one outlined copy per piece of evidence with bounds, same size as the screenshot', async () => {
    const findings = readFindings(dir);
    const out = await annotateFindings(dir, findings);
    const expected = findings.clauses.flatMap((c) => c.evidence.map((e, i) => (e.bounds ? annotatedPath(c.clause, i) : undefined)).filter(Boolean));
    expect(out.map((o) => o.file).sort()).toEqual([...expected].sort());
    const file = path.join(dir, annotatedPath('4.1.1', 0));
    expect(existsSync(file)).toBe(true);
    const meta = await sharp(file).metadata();
    expect([meta.width, meta.height]).toEqual([1080, 2340]);

    // The outline of 4.1.1 (bounds [60,260,1020,380], fail → red) is drawn on the left edge.
    const ev = findings.clauses.find((c) => c.clause === '4.1.1')!.evidence[0];
    const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const [r, g, b] = px(ev.bounds![0], Math.round((ev.bounds![1] + ev.bounds![3]) / 2));
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
  });

  it('keeps the label inside the image and escapes the text', () => {
    const svg = overlaySvg(1080, 2340, { clause: '4.1.1', verdict: 'fail' }, { state: 's', screenshot: 'x', bounds: [0, 0, 300, 60], text: '</text><script>x</script>', via: 'a11y' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    const y = Number(/<rect x="[\d.]+" y="([\d.-]+)"[^>]*rx=/.exec(svg)![1]);
    expect(y).toBeGreaterThanOrEqual(0);
    expect(textWidth('签到ab', 10)).toBe(32);
  });
});
