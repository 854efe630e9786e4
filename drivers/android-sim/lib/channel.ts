/**
 * One adb invocation as the simulator sees it: the fake `adb` POSTs its argv and relays what comes
 * back, one JSON object per line (`{"out"}` stdout, `{"err"}` stderr, `{"exit"}` the exit code).
 * A long-running command (`am instrument -w`, `logcat`) keeps the response open; `closed`
 * resolves when the client goes away (the driver killed it) or the command ended.
 */
import type { ServerResponse } from 'node:http';

export interface Channel {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the adb client disconnects (killed) or `end()` was called. */
  readonly closed: Promise<void>;
  readonly isClosed: boolean;
}

export class HttpChannel implements Channel {
  readonly closed: Promise<void>;
  private done = false;

  constructor(private readonly res: ServerResponse) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    this.closed = new Promise((resolve) => {
      res.once('close', () => {
        this.done = true;
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.done;
  }

  out(text: string): void {
    if (text && !this.done) this.res.write(JSON.stringify({ out: text }) + '\n');
  }

  err(text: string): void {
    if (text && !this.done) this.res.write(JSON.stringify({ err: text }) + '\n');
  }

  end(code: number): void {
    if (this.done) return;
    this.res.end(JSON.stringify({ exit: code }) + '\n');
  }
}

/** A channel that keeps what is written, for unit tests and in-process calls. */
export class BufferChannel implements Channel {
  stdout = '';
  stderr = '';
  readonly closed: Promise<void>;
  private release!: () => void;
  private done = false;

  constructor() {
    this.closed = new Promise((r) => (this.release = r));
  }

  get isClosed(): boolean {
    return this.done;
  }

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
  }

  close(): void {
    this.done = true;
    this.release();
  }
}
