import type { Rect } from './geometry.ts';
import type { Snapshot } from './snapshot/model.ts';
import type { Coverage, StopReason } from './findings/schema.ts';

/**
 * What a crawl saw: the only input detectors get. Everything here is also written into the
 * evidence bundle, so `govapp analyze` can rebuild it without a device (new rules on old evidence).
 */

/** One text box read from a screenshot by OCR. */
export interface OcrBox {
  text: string;
  bounds: Rect;
  /** 0..1 */
  confidence: number;
}

/** A piece of text on a screen, from the accessibility tree or from OCR, after merging both. */
export interface ScreenText {
  text: string;
  bounds: Rect;
  via: 'a11y' | 'ocr';
  /** The snapshot element the text belongs to (a11y, or OCR text inside that element). */
  elementId?: number;
  /** OCR confidence, 0..1 (a11y text is 1). */
  confidence: number;
  /** Whether tapping it does something: the element or its nearest ancestor is clickable. */
  clickable: boolean;
  /** `hint` texts are placeholders of inputs, not content. */
  kind: 'text' | 'content-desc' | 'hint' | 'ocr';
}

/** One distinct screen of the crawl (a state of the recording). */
export interface ObservedScreen {
  /** State key; also the file stem in `states/`. */
  state: string;
  /** Paths relative to the bundle root. */
  screenshot: string;
  source: string;
  package: string;
  activity: string;
  /** The screen belongs to the app under test (not a launcher, not a system dialog). */
  inApp: boolean;
  snapshot: Snapshot;
  /** OCR boxes; undefined when OCR was off or failed for this screen. */
  ocr?: OcrBox[];
  /** Accessibility texts merged with OCR-only texts. */
  texts: ScreenText[];
  /** Milliseconds after the crawl started when the screen was first seen. */
  firstSeenMs: number;
  /** Sequence numbers of the actions that first led here from launch (empty for the launch screen). */
  path: number[];
  /** WebViews on this screen and whether their DOM could be read (else: content-desc and OCR only). */
  webview?: { webviews: number; inspected: number; fallback: boolean; reason?: string };
  /**
   * Screenshots of a long web page's footer below the fold, taken after it was read through (H5): each covers the screen's
   * coordinates from `offset` to `offset + height` px, so text below the fold can be shown in a
   * picture (bounds `[x1, y1 − offset, x2, y2 − offset]` on that step's image).
   */
  readSteps?: ReadStepShot[];
}

/** One saved step of a read-through (bundle path of its PNG, placement in the screen's coordinates). */
export interface ReadStepShot {
  screenshot: string;
  offset: number;
  height: number;
}

export type ActionKind = 'launch' | 'tap' | 'back' | 'swipe' | 'type' | 'wait' | 'relaunch';

/** One action the crawler took, as written to crawl.jsonl. */
export interface ObservedAction {
  seq: number;
  kind: ActionKind;
  /** State key before and after; `to` undefined when the app was left or the action failed. */
  from: string;
  to?: string;
  /** Attributes identifying the target element, most specific first (resource-id, text, content-desc, class). */
  selector?: Record<string, string>;
  label?: string;
  bounds?: Rect;
  /** Swipe direction or typed text (redacted for credentials). */
  detail?: string;
  outcome: 'moved' | 'same' | 'left-app' | 'error';
  startedMs: number;
  durationMs: number;
}

/** Result of an active probe (issue: active probes). */
export type ProbeResult =
  | {
      kind: 'encoding';
      state: string;
      bounds: Rect;
      locator: string;
      typed: string;
      readBack: string;
      /** When OCR read the field back too. */
      ocrReadBack?: string;
    }
  | {
      kind: 'ai-question';
      state: string;
      question: string;
      /** State key of the screen after the reply settled. */
      answerState?: string;
      answered: boolean;
    }
  | {
      kind: 'timer';
      state: string;
      elementId: number;
      bounds: Rect;
      samples: { atMs: number; text: string; source?: string; screenshot?: string }[];
    };

export interface CrawlObservation {
  app: { package: string; label?: string; versionName?: string };
  screens: ObservedScreen[];
  actions: ObservedAction[];
  probes: ProbeResult[];
  stopReason: StopReason;
  /**
   * What the crawl saw and left (findings.md `run.coverage`); undefined for a bundle recorded
   * before coverage was written, whose absence-based verdicts therefore cannot be given.
   */
  coverage?: Coverage;
}
