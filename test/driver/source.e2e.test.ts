import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseXmlDocument, parsePageSource } from '../../src/snapshot/parse.ts';
import { replayFixture, replaySessions, screenName } from './helpers.ts';

const mini = replayFixture('mini');
const dumpForm = replayFixture('dump-form');

/** Every element of a served source: its tag, and whether `class` and `displayed` are present. */
function elementsOf(xml: string) {
  const root = parseXmlDocument(xml).documentElement!;
  const out: { tag: string; cls: string | null; displayed: string | null }[] = [];
  const walk = (el: typeof root) => {
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as typeof root;
      out.push({ tag: e.nodeName, cls: e.getAttribute('class'), displayed: e.getAttribute('displayed') });
      walk(e);
    }
  };
  walk(root);
  return { root, elements: out };
}

describe('page source', () => {
  const open = replaySessions();

  it('serves a UiAutomator2-format recording in UiAutomator2 format, element for element', async () => {
    const b = await open(mini);
    const xml = await b.getPageSource();
    expect(xml.startsWith("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")).toBe(true);
    const { root, elements } = elementsOf(xml);
    expect([root.getAttribute('index'), root.getAttribute('class'), root.getAttribute('rotation')]).toEqual(['0', 'hierarchy', '0']);
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual(['400', '800']);
    for (const e of elements) {
      expect(e.tag).toBe(e.cls);
      expect(e.displayed).toMatch(/^(true|false)$/);
    }
    const served = parsePageSource(xml);
    const recorded = parsePageSource(readFileSync(path.join(mini, 'states/home.xml'), 'utf8'));
    expect(served.format).toBe('uiautomator2');
    const summary = (s: typeof served) => s.elements.map((e) => [e.className, e.text, e.resourceId, e.contentDesc, e.bounds, e.clickable, e.displayed]);
    expect(summary(served)).toEqual(summary(recorded));
  });

  it('converts a raw adb dump (<node>, NAF, &#128293;) to UiAutomator2 format', async () => {
    const b = await open(dumpForm);
    const xml = await b.getPageSource();
    expect(xml).not.toContain('<node');
    const { root, elements } = elementsOf(xml);
    expect([root.getAttribute('class'), root.getAttribute('width'), root.getAttribute('height')]).toEqual(['hierarchy', '400', '800']);
    expect(elements.map((e) => e.tag)).toEqual([
      'android.widget.FrameLayout', 'android.widget.TextView', 'android.widget.ImageView', 'android.widget.EditText',
      'android.widget.EditText', 'android.widget.Button', 'android.widget.Button', 'android.widget.LinearLayout',
      'android.widget.TextView', 'androidx.appcompat.widget.AppCompatEditText',
    ]);
    expect(elements.every((e) => e.displayed === 'true')).toBe(true);

    const snap = parsePageSource(xml);
    expect(snap.format).toBe('uiautomator2');
    expect(snap.elements[1].text).toBe('热门🔥');
    expect(snap.elements[2].naf).toBe(true);
    expect(await (await b.$('//android.widget.TextView[@text="热门🔥"]')).isExisting()).toBe(true);
    expect(await (await b.$('//*[@NAF="true"]')).getAttribute('clickable')).toBe('true');
  });

  it('serves each state’s PNG exactly as stored, and a plain screen-sized PNG for the launcher', async () => {
    const b = await open(mini);
    const png = (state: string) => readFileSync(path.join(mini, `states/${state}.png`)).toString('base64');
    expect(await b.takeScreenshot()).toBe(png('home'));
    await (await b.$('id=btn_enter')).click();
    expect(await screenName(b)).toBe('detail');
    expect(await b.takeScreenshot()).toBe(png('detail'));
    await b.back();
    await b.back();
    expect(await screenName(b)).toBe('launcher');
    const meta = await sharp(Buffer.from(await b.takeScreenshot(), 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 400, 800]);
  });
});
