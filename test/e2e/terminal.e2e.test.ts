import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, sampleApp } from '../helpers/paths.ts';

/**
 * `govapp crawl` as a person at a terminal meets it: run in a real pseudo-terminal (tmux), the
 * screen captured as the terminal shows it. One live status line while the crawl runs, short
 * events above it, no log blocks, and after the end only the summary — nothing stuck to it.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const session = `govapp-test-${process.pid}`;
const tmp = mkdtempSync(path.join(tmpdir(), 'govapp-tty-'));
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', session, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', session).split('\n').map((l) => l.trimEnd());
const STATUS = /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', session, 'kill-server']);
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasTmux)('govapp crawl on a terminal', () => {
  it('shows one clean live status region, then the summary', async () => {
    const out = path.join(tmp, 'bundle');
    const cmd = `node ${path.join(REPO, 'bin/govapp.js')} crawl --app ${sampleApp('study-portal')} --out ${out} --ocr off; echo "EXIT=$?"; sleep 600`;
    tmux('new-session', '-d', '-s', session, '-x', '140', '-y', '50', '-c', REPO, cmd);
    const during: string[][] = [];
    let lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      await sleep(200);
      lines = screen();
      if (lines.some((l) => /^EXIT=\d+$/.test(l))) break;
      if (lines.some((l) => STATUS.test(l))) during.push(lines);
    }
    expect(lines.find((l) => /^EXIT=/.test(l))).toBe('EXIT=0');
    // While it ran: exactly one status line, always the last line written, never glued to a log line.
    expect(during.length).toBeGreaterThan(0);
    for (const shot of during) {
      const written = shot.filter(Boolean);
      expect(written.filter((l) => STATUS.test(l))).toHaveLength(1);
      expect(STATUS.test(written.at(-1)!)).toBe(true);
    }
    expect(during.some((shot) => shot.some((l) => /exploring · \d+ screens · \d+\/500 actions/.test(l)))).toBe(true);
    // Afterwards: no status residue, no log blocks, every line either an event, the summary or the exit.
    const written = lines.filter(Boolean);
    expect(written.filter((l) => STATUS.test(l) || / · \d+ screens · /.test(l))).toEqual([]);
    expect(written.filter((l) => /\bINFO\b|"level":|\[\d\d:\d\d:\d\d\]/.test(l))).toEqual([]);
    const events = written.filter((l) => /^\+ s\d+/.test(l));
    expect(events.length).toBe(9);
    expect(events.every((l) => /^\+ s\d+( \S.*)?$/.test(l))).toBe(true);
    expect(written.some((l) => /^示例学习平台|: 9 screens, \d+ actions, stop: /.test(l))).toBe(true);
    expect(written.some((l) => /^bundle: /.test(l))).toBe(true);
  });
});
