import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { idOf, replayFixture, replaySessions, screenName, tapAt, type Browser } from './helpers.ts';

const form = replayFixture('dump-form'); // raw adb-dump sources
const ID = 'cn.gov.example.form:id/';
/** The login screen's title (an emoji recorded as `&#128293;`). */
const LOGIN = '热门🔥';

async function textIn(b: Browser, id: string): Promise<string | undefined> {
  return parsePageSource(await b.getPageSource()).elements.find((e) => e.resourceId === ID + id)?.text;
}

describe('text input', () => {
  const open = replaySessions();

  it('stores typed text per EditText and serves it as the element’s text', async () => {
    const b = await open(form);
    const name = await b.$('id=et_name');
    await name.setValue('张三');
    expect(await textIn(b, 'et_name')).toBe('张三');
    await name.addValue('丰');
    expect(await name.getText()).toBe('张三丰');
    await name.clearValue();
    expect(await textIn(b, 'et_name')).toBe('');
    await b.execute('mobile: replaceElementValue', { elementId: await name.elementId, text: '李四' });
    expect(await name.getText()).toBe('李四');
    expect(await textIn(b, 'et_pwd')).toBe('');
  });

  it('stores characters of input.unsupported ranges as the replacement, counting code points', async () => {
    const b = await open(form);
    // U+20000 is inside [U+20000, U+2A6DF]; U+2B820 (𫠠) is a supplementary character outside it.
    await (await b.$('id=et_name')).setValue('张𠀀三𫠠');
    expect(await textIn(b, 'et_name')).toBe('张?三𫠠');
  });

  it('refuses text for elements that are not EditTexts', async () => {
    const b = await open(form);
    const button = idOf(await b.findElement('id', 'btn_submit'));
    await expect(b.elementSendKeys(button, 'x')).rejects.toThrow(/does not take text/);
  });

  it('types into the focused field with W3C key actions and mobile: type', async () => {
    const b = await open(form);
    await tapAt(b, 300, 500); // the AppCompatEditText inside the clickable note box
    await b.keys(['备', '注', 'x', 'Backspace', '1']);
    expect(await textIn(b, 'et_note')).toBe('备注1');
    await b.execute('mobile: type', { text: '𠀀' });
    expect(await textIn(b, 'et_note')).toBe('备注1?');
    expect(await b.isKeyboardShown()).toBe(true);
    await tapAt(b, 200, 130); // et_name takes the focus
    await b.keys('王五');
    expect([await textIn(b, 'et_name'), await textIn(b, 'et_note')]).toEqual(['王五', '备注1?']);
  });
});

describe('conditional moves', () => {
  const open = replaySessions();

  it('goes to `else` (pushed) when a field differs, keeps typed text while the state stays on the stack', async () => {
    const b = await open(form);
    await (await b.$('id=et_name')).setValue('张三');
    await (await b.$('id=et_pwd')).setValue('wrong');
    await (await b.$('id=btn_submit')).click();
    expect(await screenName(b)).toBe('error');
    await (await b.$('id=btn_ok')).click(); // @back
    expect(await screenName(b)).toBe(LOGIN);
    expect([await textIn(b, 'et_name'), await textIn(b, 'et_pwd')]).toEqual(['张三', 'wrong']);

    await (await b.$('id=et_pwd')).setValue('abc123');
    await (await b.$('id=btn_submit')).click();
    expect(await screenName(b)).toBe('welcome'); // `to` with replace: login left the stack
    await b.back();
    expect(await screenName(b)).toBe('launcher');
    await b.activateApp('cn.gov.example.form');
    expect([await screenName(b), await textIn(b, 'et_name')]).toEqual([LOGIN, '']);
  });

  it('does nothing when `when` fails and there is no `else`', async () => {
    const b = await open(form);
    await (await b.$('id=btn_search')).click();
    expect(await screenName(b)).toBe(LOGIN);
    await (await b.$('id=et_name')).setValue('查询');
    await (await b.$('id=btn_search')).click();
    expect(await screenName(b)).toBe('results');
  });

  it('compares the stored text, in which a replacement is one code point', async () => {
    const b = await open(form);
    await (await b.$('id=et_name')).setValue('张三');
    await (await b.$('id=et_pwd')).setValue('abc123𠀀');
    await (await b.$('id=et_pwd')).addValue('\uE003'); // Backspace removes the replacement, one code point
    await (await b.$('id=btn_submit')).click();
    expect(await screenName(b)).toBe('welcome');
  });

  it('matches a selector on the NAF attribute of an adb dump', async () => {
    const b = await open(form);
    await tapAt(b, 370, 30);
    expect(await screenName(b)).toBe('help');
  });
});
