import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { GovappError } from '../../src/errors.ts';
import { OcrService, type OcrResult, type OcrServiceOptions } from '../../src/ocr/pool.ts';
import { normalizeText } from '../../src/ocr/text.ts';
import { sampleApp } from '../helpers/paths.ts';

const FAKE = new URL('./fixtures/fake-worker.mjs', import.meta.url);

/**
 * A plain screen; the fake engine takes `width` ms for it. Red fails, blue crashes, green hangs.
 * Screens of different widths never match in the cache; near colours of one width do.
 */
const screen = (width: number, background: string, dot?: { x: number; y: number }) =>
  sharp({ create: { width, height: 400, channels: 3, background } })
    .composite(dot ? [{ input: { create: { width: 2, height: 2, channels: 3, background: '#000000' } }, left: dot.x, top: dot.y }] : [])
    .png()
    .toBuffer();

const services: OcrService[] = [];
const service = (o: Partial<OcrServiceOptions> = {}) => {
  const s = new OcrService({ engine: 'paddle', workers: 1, maxQueue: 4, workerUrl: FAKE, ...o });
  services.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

const ok = (r: OcrResult) => {
  if (r.status !== 'ok') throw new Error(`expected ok, got ${r.status === 'error' ? r.error.message : r.status}`);
  return r;
};
/** Whether `p` is still pending once everything already due in this thread has run (no wall-clock wait). */
const pendingNow = async (p: Promise<unknown>) => {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  return !settled;
};

describe('OcrService (fake engine in worker threads)', () => {
  it('answers a screen seen before from the cache at once, exactly or perceptually', async () => {
    const ocr = service();
    const home = await screen(600, '#f4f5f7'); // the fake engine takes 600 ms
    expect((await ocr.recognize(home)).map((b) => b.text)).toEqual([expect.stringMatching(/^600x400 /)]);
    const again = ok(await (await ocr.submit(home)).result);
    expect(again).toMatchObject({ cache: 'exact', boxes: [{ text: expect.stringMatching(/^600x400 /) }] });
    expect(ocr.stats()).toMatchObject({ exactHits: 1, misses: 1, msTotal: 600 }); // the engine was not asked again
    const clockTicked = await screen(600, '#f4f5f7', { x: 10, y: 4 }); // inside the status bar
    const ticked = ok(await (await ocr.submit(clockTicked)).result);
    expect(ticked.cache).toBe('perceptual');
    expect(ocr.stats()).toMatchObject({ perceptualHits: 1, misses: 1, msTotal: 600 });
    const other = await screen(600, '#303030');
    expect(ok(await (await ocr.submit(other)).result).cache).toBe('miss');
    expect(ocr.stats()).toMatchObject({ exactHits: 1, perceptualHits: 1, misses: 2, errors: 0, queued: 0, running: 0, msTotal: 1200 });
  });

  it('reads a screen submitted twice while its first OCR runs only once', async () => {
    const ocr = service();
    const png = await screen(200, '#eeeeee');
    const [a, b] = await Promise.all([ocr.submit(png), ocr.submit(png)]);
    const [ra, rb] = await Promise.all([a.result, b.result]);
    expect([ok(ra).cache, ok(rb).cache].sort()).toEqual(['exact', 'miss']);
    expect(ocr.stats().misses).toBe(1);
  });

  it('bounds the queue: submit() waits while workers + maxQueue screens are outstanding', async () => {
    const ocr = service({ workers: 1, maxQueue: 1, jobTimeoutMs: 2000 });
    const a = await ocr.submit(await screen(300, '#00ff00')); // green: the engine never answers; only the job timeout ends it
    const b = await ocr.submit(await screen(310, '#202020'));
    const third = ocr.submit(await screen(100, '#303030'));
    expect(await pendingNow(third)).toBe(true);
    expect(ocr.stats()).toMatchObject({ running: 1, queued: 1 });
    expect(await a.result).toMatchObject({ status: 'error', error: { message: 'OCR took longer than 2000 ms' } });
    const c = await third; // accepted once the first screen is done
    expect(ocr.stats().misses).toBe(3);
    ok(await b.result);
    ok(await c.result);
  });

  it('one failing screen gets an error result, is not cached, and the pool carries on', async () => {
    const ocr = service();
    const bad = await screen(100, '#ff0000');
    const r = await (await ocr.submit(bad)).result;
    expect(r).toMatchObject({ status: 'error', error: { code: 'OCR_FAILED', message: 'cannot read this one' } });
    await expect(ocr.recognize(bad)).rejects.toBeInstanceOf(GovappError);
    expect(ocr.stats()).toMatchObject({ misses: 2, errors: 2 });
    expect(ok(await (await ocr.submit(await screen(100, '#dddddd'))).result).boxes).toHaveLength(1);
  });

  it('a crashed or hung worker fails its screen alone and is replaced', async () => {
    const ocr = service({ jobTimeoutMs: 3000 }); // generous: the first job includes starting the worker
    const first = ok(await (await ocr.submit(await screen(50, '#cccccc'))).result).boxes[0].text;
    const crash = await (await ocr.submit(await screen(60, '#0000ff'))).result;
    expect(crash).toMatchObject({ status: 'error', error: { code: 'OCR_FAILED', message: expect.stringMatching(/crashed: engine crashed/) } });
    const hang = await (await ocr.submit(await screen(70, '#00ff00'))).result;
    expect(hang).toMatchObject({ status: 'error', error: { message: 'OCR took longer than 3000 ms' } });
    const after = ok(await (await ocr.submit(await screen(80, '#bbbbbb'))).result).boxes[0].text;
    expect(after.split('#')[1]).not.toBe(first.split('#')[1]); // a new worker thread
  });

  it('spreads screens over several workers', async () => {
    const ocr = service({ workers: 2 });
    const jobs = await Promise.all([200, 210, 220, 230].map(async (w) => ocr.submit(await screen(w, '#444444'))));
    const threads = new Set((await Promise.all(jobs.map((j) => j.result))).map((r) => ok(r).boxes[0].text.split('#')[1]));
    expect(threads.size).toBe(2);
  });

  it('close() fails waiting screens, lets the running one finish and stops the workers', async () => {
    const ocr = service({ workers: 1, maxQueue: 0 });
    const running = await ocr.submit(await screen(1500, '#121212'));
    const waiting = ocr.submit(await screen(110, '#232323'));
    expect(await pendingNow(waiting)).toBe(true);
    await ocr.close();
    expect(ok(await running.result).boxes).toHaveLength(1);
    expect(await (await waiting).result).toMatchObject({ status: 'error', error: { message: 'OCR service is closed' } });
    expect(await (await ocr.submit(await screen(100, '#343434'))).result).toMatchObject({ status: 'error' });
  });

  it('an unreadable image is an error result, not an exception', async () => {
    const r = await (await service().submit(Buffer.from('not a png'))).result;
    expect(r).toMatchObject({ status: 'error', error: { code: 'OCR_FAILED', message: expect.stringMatching(/^not a readable image/) } });
  });

  it('with the engine off nothing runs', async () => {
    const ocr = service({ engine: 'off' });
    expect(ocr.enabled).toBe(false);
    expect(await (await ocr.submit(await screen(100, '#ffffff'))).result).toEqual({ status: 'off' });
    expect(await ocr.recognize(await screen(100, '#ffffff'))).toEqual([]);
  });
});

describe('OcrService (PP-OCR in a worker thread)', () => {
  it('starts the TypeScript worker, reads a sample screen, and serves its clock-ticked twin from the cache', async () => {
    const ocr = new OcrService({ engine: 'paddle', workers: 1 });
    services.push(ocr);
    const login = readFileSync(path.join(sampleApp('office-compliant'), 'states', 'login.png'));
    const texts = (await ocr.recognize(login)).map((b) => normalizeText(b.text));
    expect(texts).toContain('某市人民政府办公室');
    const ticked = await sharp(login)
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#2070d0"/><text x="18" y="44" font-size="36" fill="#fff">9:42</text></svg>'), left: 30, top: 12 }])
      .png()
      .toBuffer();
    expect(ok(await (await ocr.submit(ticked)).result).cache).toBe('perceptual');
    expect(ocr.stats()).toMatchObject({ misses: 1, perceptualHits: 1, errors: 0 });
  });
});
