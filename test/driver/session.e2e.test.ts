import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplay, replayFixture, replaySessions, screenName, tapAt } from './helpers.ts';

const mini = replayFixture('mini');
const scratch = mkdtempSync(path.join(tmpdir(), 'replay-session-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the mini fixture with app.json (or a state file) changed. */
function brokenCopy(name: string, change: (app: any) => void, files: Record<string, string> = {}): string {
  const dir = path.join(scratch, name);
  cpSync(mini, dir, { recursive: true });
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'));
  change(app);
  writeFileSync(path.join(dir, 'app.json'), JSON.stringify(app));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

/** The one-line reason a session could not be created. */
async function sessionError(dir: string): Promise<string> {
  const e = await openReplay(dir).then(
    async (b) => {
      await b.deleteSession();
      throw new Error('session was created');
    },
    (err: Error) => err,
  );
  return e.message;
}

describe('session creation', () => {
  const open = replaySessions();

  it('fails with a message naming the file and field of a bad app.json', async () => {
    const noWidth = brokenCopy('no-width', (a) => delete a.device.width);
    expect(await sessionError(noWidth)).toMatch(/BAD_APP_GRAPH: .*no-width\/app\.json: device\.width: /);
    const badStart = brokenCopy('bad-start', (a) => (a.start = 'nowhere'));
    expect(await sessionError(badStart)).toMatch(/app\.json: start: no state with id "nowhere"/);
    const badTo = brokenCopy('bad-to', (a) => (a.transitions[0].to = 'nowhere'));
    expect(await sessionError(badTo)).toMatch(/app\.json: transitions\[0\]\.to: no state with id "nowhere"/);
    const badFormat = brokenCopy('bad-format', (a) => (a.format = 'app-graph/0'));
    expect(await sessionError(badFormat)).toMatch(/app\.json: format: /);
    expect(await sessionError(path.join(scratch, 'missing'))).toMatch(/BAD_APP_GRAPH: .*missing: not a directory/);
  });

  it('fails on a malformed page source, naming the file', async () => {
    const dir = brokenCopy('bad-xml', () => {}, { 'states/detail.xml': '<hierarchy><node></hierarchy>' });
    const msg = await sessionError(dir);
    expect(msg).toMatch(/BAD_(APP_GRAPH|PAGE_SOURCE): .*bad-xml\/.*detail\.xml: not well-formed XML/);
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('accepts the path of app.json as well as its directory', async () => {
    const b = await open(path.join(mini, 'app.json'));
    expect(await screenName(b)).toBe('home');
  });

  it('keeps concurrent sessions on one server independent', async () => {
    const [a, b, c] = await Promise.all([open(mini), open(mini), open(mini)]);
    await tapAt(a, 100, 760); // a → detail
    await tapAt(b, 300, 760); // b → replaced
    expect(await Promise.all([a, b, c].map(screenName))).toEqual(['detail', 'replaced', 'home']);
    await b.back();
    expect(await Promise.all([a, b, c].map(screenName))).toEqual(['detail', 'launcher', 'home']);
    expect(await Promise.all([a, b, c].map((s) => s.queryAppState('cn.gov.example.mini')))).toEqual([4, 3, 4]);
  });
});
