import { createLogUpdate } from 'log-update';
import { clock, fitWidth } from '../cli/live-status.ts';
import { formatMs } from './duration.ts';
import type { BatchEvent } from './runner.ts';

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** Redraw one line in place (default: when the stream is a TTY); otherwise print periodic lines. */
  tty?: boolean;
  /** How often a line is printed when not on a TTY (default 30 s). The TTY line redraws every second. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * Progress of the whole batch: apps done / failed / running / left and an ETA from the rate so far.
 * On a TTY one live region is redrawn: the batch line, then one line per running crawl (device,
 * app, attempt, time on it), with events (quarantines) printed above it; otherwise a log line is
 * printed every `intervalMs`, and quarantines as their own line.
 */
export class BatchProgress {
  private total = 0;
  private skipped = 0;
  private ok = 0;
  private error = 0;
  private retries = 0;
  private readonly running = new Map<string, { device: string; app: string; attempt: number; since: number }>();
  private region: ReturnType<typeof createLogUpdate> | undefined;
  private began = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tty: boolean;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.tty = opts.tty ?? Boolean(opts.stream.isTTY);
    this.now = opts.now ?? Date.now;
    if (this.tty) this.region = createLogUpdate(opts.stream as NodeJS.WriteStream, { showCursor: false });
  }

  handle(e: BatchEvent): void {
    switch (e.type) {
      case 'begin':
        this.total = e.total;
        this.skipped = e.finished;
        this.began = this.now();
        this.print(`batch: ${e.total} apps, ${e.finished} already finished, ${e.pending} to crawl, ${e.concurrency} at a time`);
        this.start();
        return;
      case 'attempt-start':
        this.running.set(`${e.app}#${e.attempt}`, { device: e.device, app: e.app, attempt: e.attempt, since: this.now() });
        break;
      case 'attempt-failed':
        this.running.delete(`${e.app}#${e.attempt}`);
        if (e.retry) this.retries++;
        break;
      case 'app-done':
        this.running.delete(`${e.app}#${e.result.attempts}`);
        if (e.result.status === 'ok') this.ok++;
        else this.error++;
        break;
      case 'quarantine':
        this.print(`batch: device ${e.device} quarantined: ${e.reason}`);
        break;
    }
    if (this.tty) this.draw();
  }

  /** The progress line, e.g. `batch 12/40 · 11 ok · 1 error · 2 running · 28 left · ETA 4 min 10 s`. */
  line(): string {
    const finished = this.skipped + this.ok + this.error;
    const left = this.total - finished;
    const parts = [`batch ${finished}/${this.total}`, `${this.ok} ok`, `${this.error} error`, `${this.running.size} running`, `${left} left`];
    if (this.retries) parts.push(`${this.retries} ${this.retries === 1 ? 'retry' : 'retries'}`);
    if (this.skipped) parts.push(`${this.skipped} from earlier run`);
    parts.push(`ETA ${this.eta(left)}`);
    return parts.join(' · ');
  }

  /** One line per running crawl: `  emulator-5554  cn.gov.a  attempt 2  1:05`. */
  runningLines(): string[] {
    const t = this.now();
    return [...this.running.values()].map((r) => `  ${r.device}  ${r.app}  attempt ${r.attempt}  ${clock(t - r.since)}`);
  }

  private eta(left: number): string {
    if (left === 0) return '0 s';
    const doneNow = this.ok + this.error;
    if (doneNow === 0) return '–';
    const elapsed = this.now() - this.began;
    return formatMs(Math.round((elapsed / doneNow) * left));
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => (this.tty ? this.draw() : this.opts.stream.write(this.line() + '\n')), this.tty ? 1000 : (this.opts.intervalMs ?? 30_000));
    this.timer.unref();
  }

  /** Stops redrawing and prints the last line (with `final` appended, e.g. where the summary is). */
  stop(final?: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const text = this.line() + (final ? ` — ${final}` : '');
    this.region?.clear();
    this.opts.stream.write(text + '\n');
  }

  private print(msg: string): void {
    this.region?.clear();
    this.opts.stream.write(msg + '\n');
    if (this.tty && this.timer) this.draw();
  }

  private draw(): void {
    const cols = Math.max(20, (this.opts.stream.columns ?? 120) - 1);
    this.region?.([this.line(), ...this.runningLines()].map((l) => fitWidth(l, cols)).join('\n'));
  }
}
