import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { appendJsonLine, writeFileAtomic, writeJsonAtomic } from '../fs/atomic.ts';
import { BadInputError } from '../errors.ts';
import type { AppGraphTransition } from '../appgraph/schema.ts';
import type { Findings } from '../findings/schema.ts';
import type { ReadStep } from '../device/device.ts';
import type { ObservedAction, ObservedScreen, OcrBox, ProbeResult } from '../observation.ts';
import { toTuple } from '../geometry.ts';
import { screenTitle } from '../snapshot/title.ts';
import { blockedRequests } from '../web/blocked.ts';

export interface BundleWriterOptions {
  /** The device's pictures of a footer below the fold, for the screen being added (`Device.readSteps`). */
  readSteps?: () => ReadStep[];
  /** Footer pictures held in memory until evidence cites one (oldest dropped first). Default 64 MiB. */
  maxPendingStepBytes?: number;
}

export interface RecordingMeta {
  app: { package: string; label?: string; versionName?: string; versionCode?: string | number; launchActivity?: string };
  device: { width: number; height: number; density?: number; platformVersion?: string; model?: string };
}

/** One line of skipped.jsonl: a control the safety policy refused, on which state, and why. */
export interface SkippedEntry {
  state: string;
  label: string;
  selector: Record<string, string>;
  reason: string;
  intent?: string;
  word?: string;
  text?: string;
  source?: string;
}

/**
 * Writes an evidence bundle (docs/bundle.md) as the crawl goes. Every file is written atomically
 * and the JSON lists are rewritten whole after each change, so a crash at any point leaves a
 * bundle whose files are each complete and consistent with the actions logged so far.
 */
export class BundleWriter {
  readonly dir: string;
  private readonly screens: ObservedScreen[] = [];
  private readonly transitions: AppGraphTransition[] = [];
  private readonly transitionKeys = new Set<string>();
  private readonly probes: ProbeResult[] = [];
  private start: string | undefined;
  private input: { unsupported: [string, string][]; replacement: string } | undefined;
  /** Footer pictures no evidence has cited yet, by bundle path, oldest first. */
  private readonly pendingSteps = new Map<string, { png: Buffer; screen: ObservedScreen }>();
  private pendingBytes = 0;
  private readonly savedSteps = new Set<string>();

  constructor(
    dir: string,
    private readonly meta: RecordingMeta,
    private readonly opts: BundleWriterOptions = {},
  ) {
    this.dir = path.resolve(dir);
    if (existsSync(this.dir) && readdirSync(this.dir).some((f) => f === 'findings.json' || f === 'crawl.jsonl')) {
      throw new BadInputError('BAD_ARGUMENT', `--out ${dir}: already holds a crawl; choose an empty or new directory`);
    }
    mkdirSync(path.join(this.dir, 'states'), { recursive: true });
  }

  file(rel: string): string {
    return path.join(this.dir, rel);
  }

  /**
   * Records a new screen. A web screen whose footer lies below the fold gets `readSteps` (pictures
   * of it, `states/<key>.read<n>.png`), held in memory: a picture is written, and listed in
   * screens.json, once findings cite it (`writeFindings`), so a long page costs disk space only
   * where something was found on it.
   */
  addScreen(screen: ObservedScreen, source: string, png: Buffer): void {
    writeFileAtomic(this.file(screen.source), source);
    writeFileAtomic(this.file(screen.screenshot), png);
    const steps = this.opts.readSteps?.() ?? [];
    // A variant copies its base screen: its steps are its own (placed at its own scroll position).
    delete screen.readSteps;
    if (steps.length) {
      const stem = screen.screenshot.replace(/\.png$/, '');
      screen.readSteps = steps.map((s, i) => ({ screenshot: `${stem}.read${i + 1}.png`, offset: s.offset, height: s.height }));
      steps.forEach((s, i) => this.holdStep(screen.readSteps![i].screenshot, s.png, screen));
    }
    this.screens.push(screen);
    this.start ??= screen.state;
    this.writeScreens();
    this.writeRecording();
  }

  /** Any other file of the bundle (probe samples), by path relative to the bundle. */
  writeFile(rel: string, data: string | Uint8Array): void {
    writeFileAtomic(this.file(rel), data);
  }

  setOcr(state: string, boxes: OcrBox[]): void {
    writeJsonAtomic(
      this.file(`states/${state}.ocr.json`),
      boxes.map((b) => ({ text: b.text, bounds: toTuple(b.bounds), confidence: Number(b.confidence.toFixed(4)) })),
    );
  }

  addAction(a: ObservedAction, transition?: AppGraphTransition): void {
    appendJsonLine(this.file('crawl.jsonl'), a);
    if (!transition) return;
    const key = JSON.stringify([transition.from, transition.on, transition.gesture, transition.key, transition.after !== undefined]);
    if (this.transitionKeys.has(key)) return;
    this.transitionKeys.add(key);
    this.transitions.push(transition);
    this.writeRecording();
  }

  addSkipped(entry: SkippedEntry): void {
    appendJsonLine(this.file('skipped.jsonl'), entry);
  }

  /**
   * What the app did to typed characters (from the encoding probe), so that replaying the
   * recording reproduces it: code points it replaced, and with what.
   */
  setInput(replaced: number[], replacement: string): void {
    const label = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    this.input = { unsupported: replaced.map((cp) => [label(cp), label(cp)]), replacement };
    this.writeRecording();
  }

  addProbe(p: ProbeResult): void {
    this.probes.push(p);
    writeJsonAtomic(this.file('probes.json'), this.probes);
  }

  /** findings.json, after writing the footer pictures its evidence cites (so it never cites a missing file). */
  writeFindings(f: Findings): void {
    let saved = 0;
    for (const e of f.clauses.flatMap((c) => c.evidence)) {
      const held = this.pendingSteps.get(e.screenshot);
      if (!held) continue;
      writeFileAtomic(this.file(e.screenshot), held.png);
      this.dropStep(e.screenshot);
      this.savedSteps.add(e.screenshot);
      saved++;
    }
    if (saved) this.writeScreens();
    writeJsonAtomic(this.file('findings.json'), f);
  }

  private holdStep(rel: string, png: Buffer, screen: ObservedScreen): void {
    this.pendingSteps.set(rel, { png, screen });
    this.pendingBytes += png.length;
    const max = this.opts.maxPendingStepBytes ?? 64 * 1024 * 1024;
    for (const [old, { screen: s }] of this.pendingSteps) {
      if (this.pendingBytes <= max) break;
      // Dropped for good: the screen no longer offers it, so no later evidence can cite it.
      this.dropStep(old);
      s.readSteps = s.readSteps?.filter((r) => r.screenshot !== old);
    }
  }

  private dropStep(rel: string): void {
    const held = this.pendingSteps.get(rel);
    if (!held) return;
    this.pendingBytes -= held.png.length;
    this.pendingSteps.delete(rel);
  }

  writeRun(run: Record<string, unknown>): void {
    writeJsonAtomic(this.file('run.json'), run);
  }

  private writeScreens(): void {
    writeJsonAtomic(
      this.file('screens.json'),
      this.screens.map((s) => {
        const blocked = s.snapshot ? blockedRequests(s.snapshot) : undefined;
        const saved = s.readSteps?.filter((r) => this.savedSteps.has(r.screenshot));
        return {
          state: s.state,
          screenshot: s.screenshot,
          source: s.source,
          package: s.package,
          activity: s.activity,
          inApp: s.inApp,
          firstSeenMs: s.firstSeenMs,
          path: s.path,
          ...(s.snapshot && screenTitle(s.snapshot) ? { title: screenTitle(s.snapshot) } : {}),
          ...(s.webview ? { webview: s.webview } : {}),
          ...(blocked ? { blocked } : {}),
          ...(saved?.length ? { readSteps: saved } : {}),
        };
      }),
    );
  }

  /** The session as app-graph/1, so the replay driver can serve it back. */
  private writeRecording(): void {
    writeJsonAtomic(this.file('app.json'), {
      format: 'app-graph/1',
      app: this.meta.app,
      device: this.meta.device,
      start: this.start,
      states: this.screens.map((s) => ({
        id: s.state,
        activity: s.activity,
        ...(s.package !== this.meta.app.package ? { package: s.package } : {}),
        source: s.source,
        screenshot: s.screenshot,
      })),
      transitions: this.transitions,
      ...(this.input ? { input: this.input } : {}),
    });
  }
}
