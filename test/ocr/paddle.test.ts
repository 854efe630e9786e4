import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boxesFromProbMap, detSize } from '../../src/ocr/paddle-det.ts';
import { ctcDecode, parseDictionary, recTensorData, recWidth } from '../../src/ocr/paddle-rec.ts';
import { mergeTexts } from '../../src/ocr/merge.ts';
import { PaddleEngine } from '../../src/ocr/paddle.ts';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { normalizeText } from '../../src/ocr/text.ts';
import { sampleApp } from '../helpers/paths.ts';

describe('PP-OCR detection post-processing', () => {
  it('scales the longer side down to the limit, in multiples of 32, never up', () => {
    expect(detSize(1080, 2340, 1280)).toEqual({ width: 576, height: 1280 });
    expect(detSize(2340, 1080, 960)).toEqual({ width: 960, height: 448 });
    expect(detSize(100, 50, 1280)).toEqual({ width: 96, height: 64 });
  });

  it('turns confident regions into boxes grown by the unclip distance', () => {
    const w = 20;
    const h = 12;
    const prob = new Float32Array(w * h);
    const fill = (x1: number, y1: number, x2: number, y2: number, p: number) => {
      for (let y = y1; y <= y2; y++) for (let x = x1; x <= x2; x++) prob[y * w + x] = p;
    };
    fill(2, 3, 9, 6, 0.9); // 8 × 4 text kernel: unclip d = 8·4·1.5 / (2·12) = 2
    fill(12, 1, 18, 2, 0.9); // 2 px tall: noise
    fill(12, 6, 18, 10, 0.35); // above the pixel threshold, below the box threshold
    const boxes = boxesFromProbMap(prob, w, h);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ x1: 0, y1: 1, x2: 12, y2: 9 });
    expect(boxes[0].score).toBeCloseTo(0.9);
  });
});

describe('PP-OCR recognition post-processing', () => {
  const dict = parseDictionary('a\nb\n');

  it('reads the dictionary with the CTC blank first and a space last', () => {
    expect(dict).toEqual(['', 'a', 'b', ' ']);
    expect(parseDictionary('x\r\ny')).toEqual(['', 'x', 'y', ' ']);
  });

  it('decodes greedily: blanks dropped, repeats collapsed unless a blank separates them', () => {
    // steps: a a _ a b (classes: blank, a, b, space)
    const steps = [1, 1, 0, 1, 2];
    const probs = new Float32Array(steps.length * 4);
    steps.forEach((c, t) => {
      probs.fill(0.1, t * 4, t * 4 + 4);
      probs[t * 4 + c] = c === 2 ? 0.6 : 0.9;
    });
    const [d] = ctcDecode(probs, 1, steps.length, 4, dict);
    expect(d.text).toBe('aab');
    expect(d.confidence).toBeCloseTo((0.9 + 0.9 + 0.6) / 3);
  });

  it('sizes and packs line images: height 48, aspect kept, BGR planes in -1..1, zero padding', () => {
    expect(recWidth(300, 30, 3840)).toBe(480);
    expect(recWidth(30, 48, 3840)).toBe(30); // not stretched: the engine pads it
    expect(recWidth(1, 40, 3840)).toBe(8);
    expect(recWidth(10000, 20, 3840)).toBe(3840);
    const rgb = new Uint8Array(2 * 48 * 3).fill(255); // white, 2 px wide
    const t = recTensorData([rgb], [2], 4);
    expect(t).toHaveLength(3 * 48 * 4);
    expect([...t.slice(0, 4)]).toEqual([1, 1, 0, 0]);
  });
});

describe('PaddleEngine (PP-OCRv4, real models)', () => {
  const engine = new PaddleEngine();
  afterAll(() => engine.close());

  it('reads the logo text only the image has, and the filing number', async () => {
    const png = readFileSync(path.join(sampleApp('office-compliant'), 'states', 'login.png'));
    const boxes = await engine.recognize(png);
    const texts = boxes.map((b) => normalizeText(b.text));
    expect(texts).toContain('某市人民政府办公室');
    expect(texts).toContain(normalizeText('备案号：浙ICP备2023001234号-2A'));
    expect(texts).toEqual(expect.arrayContaining(['请输入用户名', '请输入密码', '登录']));
    // Boxes are screen rectangles in reading order; the logo sits inside its ImageView [60,180][1020,560].
    const logo = boxes.find((b) => b.text === '某市人民政府办公室')!;
    expect(logo.bounds.x1).toBeGreaterThanOrEqual(60);
    expect(logo.bounds.y2).toBeLessThanOrEqual(560);
    expect(logo.confidence).toBeGreaterThan(0.9);
    expect(texts.slice(0, 2)).toEqual(['9:41', '5G86%']);
    expect(texts.at(-1)).toBe(normalizeText('备案号：浙ICP备2023001234号-2A'));

    // Merged with the page source, only what the accessibility tree lacks is left as OCR text.
    const snapshot = parsePageSource(readFileSync(path.join(sampleApp('office-compliant'), 'states', 'login.xml'), 'utf8'));
    const ocrOnly = mergeTexts(snapshot, boxes).filter((t) => t.via === 'ocr');
    const owner = (id: number | undefined) => (id === undefined ? undefined : snapshot.elements[id].resourceId || snapshot.elements[id].className);
    expect(ocrOnly.map((t) => [normalizeText(t.text), owner(t.elementId), t.clickable])).toEqual([
      ['9:41', 'android.widget.LinearLayout', false], // the status bar lies above the app's content view
      ['5G86%', 'android.widget.LinearLayout', false],
      ['某市人民政府办公室', 'cn.gov.example.office:id/iv_logo', false],
    ]);
  });
});
