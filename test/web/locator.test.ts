import { describe, expect, it } from 'vitest';
import { resolveLocator } from '../../src/web/locator.ts';
import { domToPageSource } from '../../src/web/to-source.ts';
import { node, page } from './dom-literals.ts';

const SOURCE = domToPageSource(
  page([
    node(0, 'form', { role: 'form' }),
    node(1, 'textarea', { role: 'textbox', editable: true, clickable: true, inputType: 'textarea', id: 'content', name: '反馈内容', placeholder: '请输入' }),
    node(1, 'button', { role: 'button', clickable: true, text: '提交' }),
  ]),
);

describe('resolveLocator', () => {
  it.each([
    ['id=content', { kind: 'css', selector: '[id="content"]' }],
    ['id=a"b', { kind: 'css', selector: '[id="a\\"b"]' }],
    ['css=form textarea', { kind: 'css', selector: 'form textarea' }],
    ['bounds=[90,332][990,752]', { kind: 'point', x: 540, y: 542 }],
    ['//android.widget.EditText', { kind: 'node', index: 2 }],
    ['//*[@resource-id="content"]', { kind: 'node', index: 2 }],
    ['(//*[@clickable="true"])[2]', { kind: 'node', index: 3 }],
    ['~反馈内容', { kind: 'node', index: 2 }],
    ['~搜索', { kind: 'css', selector: '[aria-label="搜索"]' }],
  ])('%s', (loc, want) => {
    expect(resolveLocator(loc, SOURCE)).toEqual(want);
  });

  it('refuses what it cannot resolve', () => {
    expect(() => resolveLocator('//android.widget.Switch', SOURCE)).toThrow(/no web element/);
    expect(() => resolveLocator('//x', undefined)).toThrow(/needs a page source/);
    expect(() => resolveLocator('bounds=[1,2]', SOURCE)).toThrow(/bad bounds/);
    expect(() => resolveLocator('-android uiautomator:new UiSelector()', SOURCE)).toThrow(/unsupported locator/);
  });
});
