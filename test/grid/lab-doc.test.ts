/**
 * docs/lab.md's Grid section is what the Grid tests run: its node TOML and hub command are the
 * output of the rig's own template (test/grid/grid-config.ts) for the doc's example values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.ts';
import { androidStereotype, gridJar, hubArgs, relayNodeToml } from './grid-config.ts';

const doc = readFileSync(path.join(REPO, 'docs/lab.md'), 'utf8');

/** The fenced block right after `<!-- marker… -->`. */
function blockAfter(marker: string): string {
  const at = doc.indexOf(`<!-- ${marker}`);
  expect(at, `docs/lab.md has no <!-- ${marker} --> block`).toBeGreaterThanOrEqual(0);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(doc.slice(at));
  return m![1];
}

describe('docs/lab.md Grid section', () => {
  it('the node TOML is the rig template for the example node', () => {
    expect(blockAfter('grid-node-toml')).toBe(
      relayNodeToml({
        port: 5555,
        events: { publish: 'tcp://HUB_HOST:4442', subscribe: 'tcp://HUB_HOST:4443' },
        appiumUrl: 'http://127.0.0.1:4723',
        stereotypes: [androidStereotype('UiAutomator2', 'emulator-5554'), androidStereotype('UiAutomator2', 'emulator-5556')],
        heartbeatSeconds: 10,
      }),
    );
  });

  it('the hub command is the rig command for the example hub, with the jar version from npm', () => {
    const args = hubArgs({ port: 4444, host: 'HUB_HOST', publishPort: 4442, subscribePort: 4443, sessionRequestTimeoutSeconds: 120, healthcheckSeconds: 10 });
    expect(blockAfter('grid-hub-command').trim()).toBe(`java -jar selenium-server-${gridJar().version}.jar ${args.join(' ')}`);
    expect(path.basename(gridJar().path)).toBe(`selenium-server-${gridJar().version}.jar`);
  });

  it('the batch line goes through the hub with --appium-url', () => {
    expect(blockAfter('grid-batch-command').trim()).toMatch(/^npx govapp batch apps\.yaml --out \S+ --appium-url http:\/\/HUB_HOST:4444 --concurrency \d+$/);
  });
});
