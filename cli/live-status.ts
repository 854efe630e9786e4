import { createLogUpdate } from 'log-update';
import { isWide } from '../src/text-width.ts';

/**
 * One live status region at the bottom of the terminal while a crawl runs (screens, actions,
 * current screen, elapsed time and budget, OCR queue), with short events printed above it; the
 * full log goes to the bundle's logs/crawl.log. Only for a TTY: piped output stays plain lines.
 */
export interface StatusView {
  /** What the crawl is doing: starting Appium, opening the session, exploring, writing the bundle. */
  phase: string;
  states: number;
  actions: number;
  maxActions?: number;
  /** When the crawl's time budget runs out (epoch ms). */
  deadline?: number;
  /** Current screen: state key and what a person calls it. */
  current?: string;
  title?: string;
  ocrQueue?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Terminal columns a string takes: East Asian wide and fullwidth characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 2 : 1;
  return w;
}


/** Cuts `s` to `width` terminal columns, ending with … when cut. */
export function fitWidth(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = isWide(ch) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/**
 * The status line (pure): `⠋ exploring · 9 screens · 47/500 actions · 0:27 · 29:33 left · s4 我的 · OCR queue 2`.
 * `elapsedMs` counts from the command's start; the time left, from the crawl's own deadline.
 */
export function renderStatus(v: StatusView, frame: number, width: number, elapsedMs: number, now: number): string {
  const parts = [
    `${FRAMES[frame % FRAMES.length]} ${v.phase}`,
    `${v.states} screen${v.states === 1 ? '' : 's'}`,
    `${v.actions}${v.maxActions ? `/${v.maxActions}` : ''} action${v.actions === 1 && !v.maxActions ? '' : 's'}`,
    clock(elapsedMs),
  ];
  if (v.deadline) parts.push(`${clock(v.deadline - now)} left`);
  if (v.current) parts.push(v.title ? `${v.current} ${v.title}` : v.current);
  if (v.ocrQueue) parts.push(`OCR queue ${v.ocrQueue}`);
  return fitWidth(parts.join(' · '), Math.max(20, width - 1));
}

export interface LiveStatusStream {
  write(s: string): boolean;
  columns?: number;
  rows?: number;
  isTTY?: boolean;
}

export class LiveStatus {
  private view: StatusView = { phase: 'starting', states: 0, actions: 0 };
  private readonly started = Date.now();
  private frame = 0;
  private readonly region: ReturnType<typeof createLogUpdate>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly stream: LiveStatusStream = process.stderr) {
    this.region = createLogUpdate(stream as NodeJS.WriteStream, { showCursor: false });
    // Redraw on a beat too, so elapsed time and the spinner move while a device call is slow.
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
    this.draw();
  }

  update(p: Partial<StatusView>): void {
    if (this.closed) return;
    this.view = { ...this.view, ...p };
    this.draw();
  }

  /** A line that stays in the scrollback above the status region. */
  event(line: string): void {
    if (this.closed) {
      this.stream.write(line.endsWith('\n') ? line : line + '\n');
      return;
    }
    this.region.clear();
    this.stream.write(line.endsWith('\n') ? line : line + '\n');
    this.draw();
  }

  /** Removes the region (the final summary follows on stdout). Idempotent. */
  done(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.region.clear();
  }

  private draw(): void {
    if (this.closed) return;
    const now = Date.now();
    this.region(renderStatus(this.view, this.frame++, this.stream.columns ?? 80, now - this.started, now));
  }
}
