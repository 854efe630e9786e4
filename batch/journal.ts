import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fsyncDir } from '../src/fs/atomic.ts';
import path from 'node:path';
import { z } from 'zod';
import { CLAUSES, STOP_REASONS, VERDICTS } from '../src/findings/schema.ts';
import { GovappError } from '../src/errors.ts';

/**
 * The batch journal: append-only JSON lines, each fsync'd before the batch goes on, so a batch that
 * crashed or was killed can be resumed from it. An app is finished once its `done` line is on disk
 * (written after its bundle was moved into place); anything started and not done is redone.
 */
const errorInfo = z.object({ code: z.string(), message: z.string() });

export const appResultSchema = z.looseObject({
  status: z.enum(['ok', 'error']),
  /** The bundle is incomplete: the crawl broke off, or never started (then it holds only the error). */
  partial: z.boolean(),
  /** Bundle directory relative to the batch output directory. */
  bundle: z.string(),
  package: z.string().optional(),
  label: z.string().optional(),
  stopReason: z.enum(STOP_REASONS).optional(),
  /** Set when the crawl did not see the whole app: why, in Chinese (findings.md "Absence needs coverage"). */
  incomplete: z.string().optional(),
  states: z.number().int().nonnegative(),
  actions: z.number().int().nonnegative(),
  verdicts: z.partialRecord(z.enum(CLAUSES), z.enum(VERDICTS)),
  error: errorInfo.optional(),
  attempts: z.number().int().positive(),
  device: z.string(),
  durationMs: z.number().nonnegative(),
});
export type AppResult = z.infer<typeof appResultSchema>;

const at = z.string();
export const journalRecordSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('batch'), at, pid: z.number(), apps: z.number(), resumed: z.boolean() }),
  z.looseObject({ type: z.literal('start'), at, app: z.string(), attempt: z.number(), device: z.string(), dir: z.string() }),
  z.looseObject({ type: z.literal('fail'), at, app: z.string(), attempt: z.number(), device: z.string(), error: errorInfo, retry: z.boolean() }),
  z.looseObject({ type: z.literal('interrupted'), at, app: z.string(), attempt: z.number(), device: z.string() }),
  z.looseObject({ type: z.literal('done'), at, app: z.string(), result: appResultSchema }),
  z.looseObject({ type: z.literal('quarantine'), at, device: z.string(), reason: z.string() }),
  /** `--retry-errors`: the app's earlier error result no longer counts; it is crawled again. */
  z.looseObject({ type: z.literal('redo'), at, app: z.string() }),
]);
export type JournalRecord = z.infer<typeof journalRecordSchema>;
type Distribute<T> = T extends unknown ? Omit<T, 'at'> : never;
export type JournalEntry = Distribute<JournalRecord>;

/** What the journal says so far. */
export interface JournalState {
  /** app id → its result (the first `done` line wins; later ones are counted in `duplicateDone`). */
  done: Map<string, AppResult>;
  /** app id → attempts started so far (numbers the next attempt's directory). */
  attempts: Map<string, number>;
  /** app id → failed attempts so far (they count against the app's retries on resume). */
  failures: Map<string, number>;
  duplicateDone: number;
  records: number;
}

export function emptyState(): JournalState {
  return { done: new Map(), attempts: new Map(), failures: new Map(), duplicateDone: 0, records: 0 };
}

/** Folds one record into the state (pure apart from mutating `state`). */
export function applyRecord(state: JournalState, r: JournalRecord): void {
  state.records++;
  switch (r.type) {
    case 'start':
      state.attempts.set(r.app, Math.max(state.attempts.get(r.app) ?? 0, r.attempt));
      break;
    case 'fail':
      state.failures.set(r.app, (state.failures.get(r.app) ?? 0) + 1);
      break;
    case 'done':
      if (state.done.has(r.app)) state.duplicateDone++;
      else state.done.set(r.app, r.result);
      break;
    case 'redo':
      state.done.delete(r.app);
      state.failures.delete(r.app);
      break;
  }
}

export interface OpenedJournal {
  journal: Journal;
  state: JournalState;
  /** Bytes of a torn last line that were cut off (a crash in the middle of a write). */
  repairedBytes: number;
}

export class Journal {
  private constructor(readonly file: string, private fd: number | undefined) {}

  /**
   * Opens (creating) the journal, replays it, and cuts off a torn last line so appends start on a
   * clean line. A bad line anywhere else is damage a crash cannot cause: that is an error.
   */
  static open(file: string): OpenedJournal {
    mkdirSync(path.dirname(file), { recursive: true });
    const existed = existsSync(file);
    const fd = openSync(file, 'a+');
    if (!existed) fsyncDir(path.dirname(file));
    const text = readFileSync(file, 'utf8');
    const state = emptyState();
    const lines = text.split('\n');
    let good = 0;
    let unterminated = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const last = i === lines.length - 1;
      if (line.trim() !== '') {
        const rec = parseRecord(line);
        if (!rec) {
          if (last) break; // torn by a crash: cut off below
          closeSync(fd);
          throw new GovappError('BAD_CONFIG', `${file}:${i + 1}: not a batch journal record; move the journal away to start the batch afresh`);
        }
        applyRecord(state, rec);
        unterminated = last; // whole record, cut just before its newline
      }
      good += Buffer.byteLength(line) + (last ? 0 : 1);
    }
    const size = Buffer.byteLength(text);
    if (good < size) ftruncateSync(fd, good);
    if (unterminated) writeSync(fd, '\n');
    if (good < size || unterminated) fsyncSync(fd);
    return { journal: new Journal(file, fd), state, repairedBytes: size - good };
  }

  /** Appends one record (one write, O_APPEND) and fsyncs it; returns the record as written. */
  append(entry: JournalEntry): JournalRecord {
    if (this.fd === undefined) throw new GovappError('INTERNAL', `${this.file}: journal is closed`);
    const rec = { ...entry, at: new Date().toISOString() } as JournalRecord;
    const line = Buffer.from(JSON.stringify(rec) + '\n');
    let written = 0;
    while (written < line.length) written += writeSync(this.fd, line, written, line.length - written);
    fsyncSync(this.fd);
    return rec;
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function parseRecord(line: string): JournalRecord | undefined {
  try {
    const parsed = journalRecordSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
