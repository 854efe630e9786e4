import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { joinWords, TesseractEngine } from '../../src/ocr/tesseract.ts';
import { normalizeText } from '../../src/ocr/text.ts';
import { sampleApp } from '../helpers/paths.ts';

describe('joinWords', () => {
  it('joins CJK without spaces and other words with one', () => {
    expect(joinWords(['某', '市', '人民政府'])).toBe('某市人民政府');
    expect(joinWords(['备案号:浙', 'ICP', '备', '2023001234', '号-2A'])).toBe('备案号:浙ICP备2023001234号-2A');
    expect(joinWords(['5G', ' 86% ', ''])).toBe('5G 86%');
  });
});

describe('TesseractEngine (tesseract.js, local chi_sim traineddata)', () => {
  const engine = new TesseractEngine();
  afterAll(() => engine.close());

  it('reads a sample screen offline', async () => {
    const png = readFileSync(path.join(sampleApp('office-compliant'), 'states', 'login.png'));
    const boxes = await engine.recognize(png);
    const texts = boxes.map((b) => normalizeText(b.text));
    expect(texts).toContain('某市人民政府办公室');
    expect(texts.join('\n')).toContain('ICP备2023001234号-2A');
    for (const b of boxes) {
      expect(b.confidence).toBeGreaterThanOrEqual(0.5);
      expect(b.bounds.x2).toBeGreaterThan(b.bounds.x1);
    }
  });
});
