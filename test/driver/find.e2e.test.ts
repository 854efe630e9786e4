import { describe, expect, it } from 'vitest';
import { idOf, replayFixture, replaySessions, tapAt } from './helpers.ts';

const mini = replayFixture('mini');
const PKG = 'cn.gov.example.mini';

describe('finding elements', () => {
  const open = replaySessions();

  it('finds by xpath, id (full or bare), accessibility id, class name and UiSelector', async () => {
    const b = await open(mini);
    const texts = async (using: string, value: string) =>
      Promise.all((await b.findElements(using, value)).map((r) => b.getElementText(idOf(r))));
    expect(await texts('xpath', '//android.widget.Button')).toEqual(['关于', '进入', '替换']);
    expect(await texts('xpath', '//*[@clickable="true" and @text!=""]')).toEqual(['关于', '同意', '进入', '替换']);
    expect(await texts('id', `${PKG}:id/btn_enter`)).toEqual(['进入']);
    expect(await texts('id', 'btn_enter')).toEqual(['进入']);
    expect(await texts('accessibility id', '搜索')).toEqual(['']);
    expect(await texts('class name', 'android.widget.CheckBox')).toEqual(['同意']);
    expect(await texts('-android uiautomator', 'new UiSelector().textContains("页")')).toEqual(['列表第一页']);
    expect(await texts('-android uiautomator', 'new UiSelector().className("android.widget.Button").instance(1)')).toEqual(['进入']);
    expect(await texts('id', 'nothing_here')).toEqual([]);
  });

  it('finds within an element', async () => {
    const b = await open(mini);
    const row = await b.$('id=row_settings');
    expect(await row.$('//android.widget.TextView').getText()).toBe('设置');
    expect(await row.$$('//android.widget.Button').length).toBe(0);
    expect(await (await b.$('id=feed')).$('id=feed_item').getText()).toBe('列表第一页');
  });

  it('answers errors a client expects: no such element, invalid selector', async () => {
    const b = await open(mini);
    await expect(b.findElement('id', 'nothing_here')).resolves.toMatchObject({ error: 'no such element' });
    await expect(b.findElement('xpath', '//*[')).rejects.toMatchObject({ name: 'invalid selector' });
    await expect(b.findElement('xpath', 'count(//*)')).rejects.toMatchObject({ name: 'invalid selector' });
  });

  it('serves attributes, rect, text and visibility from the page source', async () => {
    const b = await open(mini);
    const cb = await b.$('id=cb_agree');
    expect(await cb.getAttribute('checked')).toBe('true');
    expect(await cb.getAttribute('class')).toBe('android.widget.CheckBox');
    expect(await cb.getAttribute('resource-id')).toBe(`${PKG}:id/cb_agree`);
    expect(await cb.getAttribute('resourceId')).toBe(`${PKG}:id/cb_agree`);
    expect(await cb.getAttribute('bounds')).toBe('[200,200][300,280]');
    expect(await cb.getAttribute('no-such-attribute')).toBeNull();
    expect(await cb.getText()).toBe('同意');
    expect(await b.getElementRect(await cb.elementId)).toEqual({ x: 200, y: 200, width: 100, height: 80 });
    expect(await cb.isDisplayed()).toBe(true);
    const hidden = idOf(await b.findElement('id', 'hidden'));
    expect(await b.isElementDisplayed(hidden)).toBe(false);
    await expect(b.elementClick(hidden)).rejects.toMatchObject({ name: 'element not interactable' });
    expect(await (await b.$('~搜索')).getAttribute('content-desc')).toBe('搜索');
  });
});

describe('stale elements', () => {
  const open = replaySessions();

  it('makes an element of a screen no longer shown stale, and live again when its screen returns', async () => {
    const b = await open(mini);
    const title = idOf(await b.findElement('id', 'title'));
    expect(await b.getElementText(title)).toBe('home');
    await tapAt(b, 100, 760); // → detail
    await expect(b.getElementText(title)).rejects.toMatchObject({ name: 'stale element reference' });
    await expect(b.elementClick(title)).rejects.toMatchObject({ name: 'stale element reference' });
    await b.back(); // the same home screen instance again
    expect(await b.getElementText(title)).toBe('home');
  });

  it('never revives an element of a replaced screen or of a relaunched app', async () => {
    const b = await open(mini);
    const title = idOf(await b.findElement('id', 'title'));
    await tapAt(b, 300, 760); // home replaced by `replaced`
    await expect(b.getElementText(title)).rejects.toMatchObject({ name: 'stale element reference' });
    await b.back();
    await b.activateApp(PKG); // a new home
    await expect(b.getElementText(title)).rejects.toMatchObject({ name: 'stale element reference' });
    expect(await b.getElementText(idOf(await b.findElement('id', 'title')))).toBe('home');
  });
});
