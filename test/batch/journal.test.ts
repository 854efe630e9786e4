import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type AppResult } from '../../batch/journal.ts';

const tmp = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'govapp-journal-')), 'journal.jsonl');
const result = (status: 'ok' | 'error' = 'ok'): AppResult => ({
  status,
  partial: status === 'error',
  bundle: 'apps/x',
  states: 3,
  actions: 7,
  verdicts: { '4.1.1': 'fail' },
  attempts: 1,
  device: 'd1',
  durationMs: 1200,
});

describe('Journal', () => {
  it('appends fsynced JSON lines and replays them on open', () => {
    const file = tmp();
    const { journal, state, repairedBytes } = Journal.open(file);
    expect(state.records).toBe(0);
    expect(repairedBytes).toBe(0);
    journal.append({ type: 'start', app: 'a', attempt: 1, device: 'd1', dir: 'work/a/attempt-1' });
    journal.append({ type: 'fail', app: 'a', attempt: 1, device: 'd1', error: { code: 'DEVICE_OFFLINE', message: 'gone' }, retry: true });
    journal.append({ type: 'start', app: 'a', attempt: 2, device: 'd2', dir: 'work/a/attempt-2' });
    journal.append({ type: 'done', app: 'a', result: result() });
    journal.append({ type: 'start', app: 'b', attempt: 1, device: 'd1', dir: 'work/b/attempt-1' });
    journal.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['start', 'fail', 'start', 'done', 'start']);
    expect(lines.every((l) => typeof l.at === 'string')).toBe(true);

    const again = Journal.open(file);
    expect(again.state.done.get('a')).toEqual(result());
    expect(again.state.done.has('b')).toBe(false);
    expect(again.state.attempts.get('a')).toBe(2);
    expect(again.state.attempts.get('b')).toBe(1);
    expect(again.state.failures.get('a')).toBe(1);
    again.journal.close();
  });

  it('cuts off a torn last line (crash mid-write) and appends cleanly after it', () => {
    const file = tmp();
    const { journal } = Journal.open(file);
    journal.append({ type: 'done', app: 'a', result: result() });
    journal.close();
    const good = readFileSync(file, 'utf8');
    appendFileSync(file, '{"type":"done","app":"b","result":{"status":"o');
    const { journal: j2, state, repairedBytes } = Journal.open(file);
    expect(repairedBytes).toBe(Buffer.byteLength('{"type":"done","app":"b","result":{"status":"o'));
    expect([...state.done.keys()]).toEqual(['a']);
    expect(readFileSync(file, 'utf8')).toBe(good);
    j2.append({ type: 'done', app: 'b', result: result() });
    j2.close();
    const { state: s3, journal: j3 } = Journal.open(file);
    expect([...s3.done.keys()]).toEqual(['a', 'b']);
    j3.close();
  });

  it('keeps a whole record cut just before its newline, and terminates it', () => {
    const file = tmp();
    writeFileSync(file, JSON.stringify({ type: 'done', app: 'a', at: 'x', result: result() }));
    const { journal, state, repairedBytes } = Journal.open(file);
    expect(repairedBytes).toBe(0);
    expect(state.done.has('a')).toBe(true);
    journal.append({ type: 'start', app: 'b', attempt: 1, device: 'd', dir: 'w' });
    journal.close();
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('refuses a journal damaged in the middle, naming file and line', () => {
    const file = tmp();
    writeFileSync(file, ['{"type":"batch","at":"x","pid":1,"apps":1,"resumed":false}', 'garbage', '{"type":"redo","at":"x","app":"a"}', ''].join('\n'));
    expect(() => Journal.open(file)).toThrow(`${file}:2: not a batch journal record`);
  });

  it('counts a second done for the same app as a duplicate; the first wins; redo clears it', () => {
    const file = tmp();
    const { journal } = Journal.open(file);
    journal.append({ type: 'done', app: 'a', result: result('error') });
    journal.append({ type: 'done', app: 'a', result: result('ok') });
    journal.close();
    const { state, journal: j2 } = Journal.open(file);
    expect(state.duplicateDone).toBe(1);
    expect(state.done.get('a')!.status).toBe('error');
    j2.append({ type: 'redo', app: 'a' });
    j2.close();
    const { state: s3, journal: j3 } = Journal.open(file);
    expect(s3.done.has('a')).toBe(false);
    j3.append({ type: 'done', app: 'a', result: result('ok') });
    j3.close();
    const { state: s4, journal: j4 } = Journal.open(file);
    expect(s4.done.get('a')!.status).toBe('ok');
    j4.close();
  });
});
