import type { Rect } from '../../src/geometry.ts';
import type { OcrBox } from '../../src/observation.ts';
import { skippedEntry, type CandidateAction, type SkippedAction } from '../actions.ts';
import { judgeSegments, type SafetyPolicy } from '../safety.ts';
import { compactLabel } from './normalize.ts';

/**
 * OCR's part in the safety policy. OCR runs in worker threads while the crawl goes on, so when
 * a screen's actions are extracted its OCR text is usually not known yet. The gate judges each
 * tap again just before it is made:
 *
 * - a control with no readable label (an icon, an image button: `unlabelled`) waits for its
 *   screen's OCR, and is refused when the text inside its bounds names a dangerous intent (an
 *   image reading 提交) — or when OCR failed, since then nobody knows what it says;
 * - any other control is judged on the OCR text inside its bounds when that is already known
 *   (never waiting), on the text its accessibility label does not already say.
 *
 * With OCR off there is no gate: image-only controls are judged on resource-id words and class.
 */
export interface TapGateOptions {
  policy: SafetyPolicy;
  /** The OCR boxes of a recorded state (Analysis.ocrOf). */
  ocrOf(state: string, opts: { wait: boolean }): Promise<OcrBox[] | undefined>;
  /** OCR boxes read with less confidence are ignored. Default 0.5. */
  minConfidence?: number;
}

/** OCR boxes whose centre lies inside `r`. */
export function ocrInside(boxes: readonly OcrBox[], r: Rect, minConfidence = 0.5): OcrBox[] {
  return boxes.filter((b) => {
    const cx = (b.bounds.x1 + b.bounds.x2) / 2;
    const cy = (b.bounds.y1 + b.bounds.y2) / 2;
    return b.confidence >= minConfidence && cx >= r.x1 && cx < r.x2 && cy >= r.y1 && cy < r.y2;
  });
}

export function createTapGate(o: TapGateOptions): (state: string, action: CandidateAction) => Promise<SkippedAction | undefined> {
  return async (state, a) => {
    if (a.kind !== 'tap' || o.policy.unsafe) return undefined;
    const unlabelled = !!a.unlabelled;
    const boxes = await o.ocrOf(state, { wait: unlabelled });
    if (!boxes) {
      if (!unlabelled) return undefined;
      return skippedEntry(a.label, a.selector, { intent: 'unlabelled', reason: 'no readable label, and OCR could not read this screen', source: 'ocr' });
    }
    const said = compactLabel(a.label);
    const segments = ocrInside(boxes, a.bounds, o.minConfidence)
      .filter((b) => unlabelled || !said.includes(compactLabel(b.text)))
      .map((b) => ({ source: 'ocr' as const, text: b.text }));
    const v = judgeSegments(o.policy, segments);
    return v.allowed ? undefined : skippedEntry(a.label || segments.map((s) => s.text).join(' '), a.selector, v);
  };
}
