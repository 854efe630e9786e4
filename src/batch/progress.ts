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
 * On a TTY a single line is redrawn; otherwise a log line is printed every `intervalMs`. Quarantines
 * are printed as their own line either way.
 */
export class BatchProgress {
  private total = 0;
  private skipped = 0;
  private ok = 0;
  private error = 0;
  private retries = 0;
  private readonly running = new Map<string, string>();
  private began = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly tty: boolean;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.tty = opts.tty ?? Boolean(opts.stream.isTTY);
    this.now = opts.now ?? Date.now;
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
        this.running.set(`${e.app}#${e.attempt}`, e.device);
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
    this.opts.stream.write(this.tty ? `\r\x1b[2K${text}\n` : text + '\n');
  }

  private print(msg: string): void {
    this.opts.stream.write(this.tty ? `\r\x1b[2K${msg}\n` : msg + '\n');
    if (this.tty && this.timer) this.draw();
  }

  private draw(): void {
    const cols = this.opts.stream.columns ?? 120;
    const l = this.line();
    this.opts.stream.write(`\r\x1b[2K${l.length > cols - 1 ? l.slice(0, cols - 2) + '…' : l}`);
  }
}
