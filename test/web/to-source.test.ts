import { describe, expect, it } from 'vitest';
import { parsePageSource } from '../../src/snapshot/parse.ts';
import { domToPageSource, classFor } from '../../src/web/to-source.ts';
import { markWebOrigin } from '../../src/web/merge.ts';
import type { DomNode } from '../../src/web/dom-model.ts';
import { node, page } from './dom-literals.ts';

const r = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('domToPageSource', () => {
  it('writes a UiAutomator2 hierarchy in screenshot pixels (CSS px × devicePixelRatio)', () => {
    const xml = domToPageSource(page([node(0, 'h1', { role: 'heading', text: '某市政务服务', rect: r(16, 14, 328, 28.6) })]));
    const s = parsePageSource(xml);
    expect(s.format).toBe('uiautomator2');
    expect([s.width, s.height]).toEqual([1080, 2340]);
    const [root, h1] = s.elements;
    expect(root.className).toBe('android.widget.FrameLayout');
    expect(root.bounds).toEqual({ x1: 0, y1: 0, x2: 1080, y2: 2340 });
    expect(root.attrs['web-title']).toBe('某市政务服务');
    expect(h1).toMatchObject({ className: 'android.widget.TextView', text: '某市政务服务', package: 'https://zwfw.example.gov.cn', displayed: true });
    expect(h1.bounds).toEqual({ x1: 48, y1: 42, x2: 1032, y2: 128 });
    expect(h1.attrs['web-tag']).toBe('h1');
    expect(h1.attrs['web-node']).toBe('1');
  });

  it('uses the package it is given (file: apps have no origin)', () => {
    const s = parsePageSource(domToPageSource(page([node(0, 'p', { text: 'x' })], { origin: 'null' }), { package: 'file:///srv/app' }));
    expect(new Set(s.elements.map((e) => e.package))).toEqual(new Set(['file:///srv/app']));
  });

  const classes: Array<[string, Partial<DomNode>, boolean, string]> = [
    ['text field', { tag: 'input', role: 'textbox', editable: true, inputType: 'text' }, false, 'android.widget.EditText'],
    ['textarea', { tag: 'textarea', role: 'textbox', editable: true, inputType: 'textarea' }, false, 'android.widget.EditText'],
    ['checkbox', { tag: 'input', role: 'checkbox', inputType: 'checkbox', checked: false }, false, 'android.widget.CheckBox'],
    ['radio', { tag: 'input', role: 'radio', inputType: 'radio' }, false, 'android.widget.RadioButton'],
    ['select', { tag: 'select', role: 'combobox', inputType: 'select' }, false, 'android.widget.Spinner'],
    ['button', { tag: 'button', role: 'button', text: '提交' }, false, 'android.widget.Button'],
    ['div role=button', { tag: 'div', role: 'button', text: '签到' }, false, 'android.widget.Button'],
    ['button with an icon and a label', { tag: 'button', role: 'button' }, true, 'android.view.View'],
    ['link with text', { tag: 'a', role: 'link', text: '关于我们' }, false, 'android.widget.TextView'],
    ['image', { tag: 'img', role: 'img', name: '某市人民政府' }, false, 'android.widget.ImageView'],
    ['list', { tag: 'ul', role: 'list' }, true, 'android.widget.ListView'],
    ['scrolling div', { tag: 'div', scrollable: true }, true, 'android.widget.ScrollView'],
    ['paragraph', { tag: 'p', role: 'paragraph', text: '主办单位：某市人民政府办公厅' }, false, 'android.widget.TextView'],
    ['empty wrapper', { tag: 'div' }, true, 'android.view.View'],
    ['video', { tag: 'video', role: 'video' }, false, 'android.widget.VideoView'],
  ];
  it.each(classes)('maps a %s to its Android class', (_name, n, hasChildren, cls) => {
    expect(classFor(node(0, n.tag!, n), hasChildren)).toBe(cls);
  });

  it('writes form attributes: hint from placeholder, content-desc from a differing accessible name, resource-id from id', () => {
    const xml = domToPageSource(
      page([
        node(0, 'textarea', { role: 'textbox', editable: true, clickable: true, inputType: 'textarea', id: 'content', name: '反馈内容', placeholder: '请输入您的意见或建议', text: '' }),
        node(0, 'input', { role: 'textbox', editable: true, clickable: true, inputType: 'password', password: true, text: '•••', name: '密码' }),
        node(0, 'input', { role: 'checkbox', clickable: true, inputType: 'checkbox', checked: true, name: '同意' }),
        node(0, 'a', { role: 'link', clickable: true, text: '签到', name: '签到' }),
        node(0, 'button', { role: 'button', clickable: true, text: '提交', enabled: false }),
      ]),
    );
    const [, area, pwd, box, link, btn] = parsePageSource(xml).elements;
    expect(area).toMatchObject({ className: 'android.widget.EditText', resourceId: 'content', hint: '请输入您的意见或建议', contentDesc: '反馈内容', text: '', clickable: true, focusable: true });
    expect(pwd).toMatchObject({ password: true, text: '•••' });
    expect(box).toMatchObject({ className: 'android.widget.CheckBox', checkable: true, checked: true, contentDesc: '同意' });
    expect(link.contentDesc).toBe('');
    expect(link.attrs['content-desc']).toBeUndefined();
    expect(btn).toMatchObject({ enabled: false, clickable: true });
  });

  it('records links: absolute href, and the original target of a new-window link', () => {
    const xml = domToPageSource(page([node(0, 'a', { role: 'link', clickable: true, text: '中国政府网', href: 'https://www.gov.cn/', target: '_blank' })]));
    const a = parsePageSource(xml).elements[1];
    expect(a.attrs.href).toBe('https://www.gov.cn/');
    expect(a.attrs['web-target']).toBe('_blank');
  });

  it('clips to the visible part; an element out of view keeps its box and is not displayed', () => {
    const xml = domToPageSource(
      page([
        node(0, 'main', { role: 'main', rect: r(0, 57, 360, 1500), visible: r(0, 57, 360, 723) }),
        node(1, 'footer', { text: '备案号：京ICP备12345678号-3A', rect: r(0, 1500, 360, 50), visible: undefined }),
      ]),
    );
    const [, main, footer] = parsePageSource(xml).elements;
    expect(main.bounds).toEqual({ x1: 0, y1: 171, x2: 1080, y2: 2340 });
    expect(main.displayed).toBe(true);
    expect(footer.bounds).toEqual({ x1: 0, y1: 4500, x2: 1080, y2: 4650 });
    expect(footer.displayed).toBe(false);
  });

  it('nests by parent index and numbers siblings', () => {
    const s = parsePageSource(
      domToPageSource(
        page([
          node(0, 'ol', { role: 'list' }),
          node(1, 'li', { role: 'listitem', text: '1 张** 1520分' }),
          node(1, 'li', { role: 'listitem', text: '2 李** 1483分' }),
          node(0, 'p', { text: '本单位排名第 8 名' }),
        ]),
      ),
    );
    const [root, list, a, b, p] = s.elements;
    expect(root.children).toEqual([list.id, p.id]);
    expect(list.children).toEqual([a.id, b.id]);
    expect([a.index, b.index, p.index]).toEqual([0, 1, 1]);
  });

  it('escapes XML and keeps characters beyond the BMP and newlines intact', () => {
    const text = 'A&B <c> "d" \'e\'\n第二行 𠀀𪚥 \u0001';
    const s = parsePageSource(domToPageSource(page([node(0, 'p', { text })], { title: '<标题>&' })));
    expect(s.elements[1].text).toBe('A&B <c> "d" \'e\'\n第二行 𠀀𪚥 \ufffd');
    expect(s.elements[0].attrs['web-title']).toBe('<标题>&');
  });

  it('an empty document is still a valid page source', () => {
    const s = parsePageSource(domToPageSource({ ...page([]), nodes: [] }));
    expect(s.elements).toEqual([]);
    expect(s.width).toBe(1080);
  });

  it('marks web elements after parsing', () => {
    const s = markWebOrigin(parsePageSource(domToPageSource(page([node(0, 'p', { text: 'x' })]))));
    expect(s.elements.map((e) => e.origin)).toEqual(['web', 'web']);
  });
});
