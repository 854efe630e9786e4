import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/exit-codes.ts';
import { runCli, runMain } from '../helpers/cli.ts';
import { sampleApp } from '../helpers/paths.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'govapp-hostile-graph-'));

/** A copy of study-portal with one thing broken on purpose. */
function hostile(edit: (dir: string) => void): string {
  const d = path.join(tmp(), 'app');
  cpSync(sampleApp('study-portal'), d, { recursive: true });
  edit(d);
  return d;
}

async function expectRefused(app: string, re: RegExp, code: number = EXIT.BAD_INPUT) {
  const out = path.join(tmp(), 'out');
  const r = await runMain('crawl', '--app', app, '--out', out, '--ocr', 'off', '--quiet');
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(re);
  // Refused before anything was read into a bundle.
  expect(existsSync(out) ? readdirSync(out, { recursive: true }).filter((f) => String(f).startsWith('states')) : []).toEqual([]);
}

describe('hostile app-graphs are refused before the crawl', () => {
  it('states/about.png → /etc/passwd: BAD_APP_GRAPH naming the link, nothing copied', () =>
    expectRefused(
      hostile((d) => {
        rmSync(path.join(d, 'states/about.png'));
        symlinkSync('/etc/passwd', path.join(d, 'states/about.png'));
      }),
      /^govapp: BAD_APP_GRAPH: .*states\/about\.png: a symbolic link; refused/,
    ));

  it('a link inside the directory is refused too (its target is not what the recording names)', () =>
    expectRefused(
      hostile((d) => {
        rmSync(path.join(d, 'states/about.png'));
        symlinkSync(path.join(d, 'states/home.png'), path.join(d, 'states/about.png'));
      }),
      /BAD_APP_GRAPH: .*states\/about\.png: a symbolic link/,
    ));

  it('a symlinked states/ directory', () =>
    expectRefused(
      hostile((d) => {
        const real = path.join(path.dirname(d), 'elsewhere');
        cpSync(path.join(d, 'states'), real, { recursive: true });
        rmSync(path.join(d, 'states'), { recursive: true });
        symlinkSync(real, path.join(d, 'states'));
      }),
      /BAD_APP_GRAPH: .*\/states: a symbolic link/,
    ));

  it('a symlinked app.json', () =>
    expectRefused(
      hostile((d) => {
        cpSync(path.join(d, 'app.json'), path.join(d, '..', 'real.json'));
        rmSync(path.join(d, 'app.json'));
        symlinkSync(path.join(d, '..', 'real.json'), path.join(d, 'app.json'));
      }),
      /BAD_APP_GRAPH: .*app\.json: a symbolic link/,
    ));

  it('a FIFO as a screenshot: refused at once, never opened (a real process, so a hang would show)', async () => {
    const app = hostile((d) => {
      rmSync(path.join(d, 'states/about.png'));
      expect(spawnSync('mkfifo', [path.join(d, 'states/about.png')]).status).toBe(0);
    });
    const r = await runCli(['crawl', '--app', app, '--out', path.join(tmp(), 'out'), '--ocr', 'off', '--quiet'], { timeoutMs: 60_000 });
    expect(r.code).toBe(EXIT.BAD_INPUT);
    expect(r.stderr).toMatch(/BAD_APP_GRAPH: .*states\/about\.png: a FIFO \(named pipe\); refused/);
  });

  it('a screenshot that is not a PNG (signature, IHDR)', async () => {
    await expectRefused(
      hostile((d) => writeFileSync(path.join(d, 'states/about.png'), '<html>not an image</html>')),
      /BAD_APP_GRAPH: .*states\[\d+\]\.screenshot: states\/about\.png: not a PNG \(bad signature\)/,
    );
    const huge = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const ihdr = Buffer.alloc(17);
    ihdr.writeUInt32BE(100_000, 0);
    ihdr.writeUInt32BE(100_000, 4);
    await expectRefused(
      hostile((d) => writeFileSync(path.join(d, 'states/about.png'), Buffer.concat([huge, ihdr]))),
      /states\/about\.png: PNG of 100000×100000 pixels is not a screenshot/,
    );
  });

  it('a page source nested 5,000 deep: BAD_PAGE_SOURCE, exit 2 (no stack overflow)', () =>
    expectRefused(
      hostile((d) =>
        writeFileSync(
          path.join(d, 'states/about.xml'),
          `<hierarchy rotation="0">${'<node bounds="[0,0][10,10]">'.repeat(5000)}${'</node>'.repeat(5000)}</hierarchy>`,
        ),
      ),
      /^govapp: BAD_PAGE_SOURCE: .*states\/about\.xml: elements nested deeper than 512 levels/,
    ));
});
