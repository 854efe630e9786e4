import { parentPort, workerData } from 'node:worker_threads';
import { isGovappError } from '../errors.ts';
import { createEngine, type EngineOptions, type OcrEngineKind } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/**
 * OCR worker thread: one engine, created on the first job (models load then) and reused; one job
 * at a time. A failing job is reported and the worker carries on. Started through
 * worker-boot.mjs, which makes TypeScript importable first.
 */
const { kind, options } = workerData as { kind: Exclude<OcrEngineKind, 'off'>; options: EngineOptions };
const port = parentPort!;
const engine = createEngine(kind, options);

const post = (msg: FromWorker) => port.postMessage(msg);

port.on('message', async (msg: ToWorker) => {
  if (msg.type === 'close') {
    await (await engine.catch(() => undefined))?.close().catch(() => undefined);
    post({ type: 'closed' });
    port.close();
    return;
  }
  const t0 = performance.now();
  try {
    const e = await engine;
    const boxes = await e!.recognize(Buffer.from(msg.png));
    post({ type: 'result', id: msg.id, boxes, ms: performance.now() - t0 });
  } catch (err) {
    post({
      type: 'error',
      id: msg.id,
      code: isGovappError(err) ? err.code : undefined,
      message: err instanceof Error ? err.message : String(err),
      ms: performance.now() - t0,
    });
  }
});
