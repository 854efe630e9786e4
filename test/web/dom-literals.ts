import type { DomNode, DomSnapshot } from '../../src/web/dom-model.ts';

/** A DOM node literal with the dull fields defaulted. */
export function node(parent: number, tag: string, o: Partial<DomNode> = {}): DomNode {
  const rect = o.rect ?? { x: 0, y: 0, width: 360, height: 40 };
  return {
    parent, tag, role: '', name: '', text: '', id: '', enabled: true, clickable: false, editable: false,
    scrollable: false, focused: false, selected: false, password: false, rect, visible: rect, ...o,
  };
}

/** A 360×780 @3x page (1080×2340 screenshot) with the given nodes under the document root. */
export function page(nodes: DomNode[], o: Partial<DomSnapshot> = {}): DomSnapshot {
  return {
    href: 'https://zwfw.example.gov.cn/h5/index.html#/home',
    origin: 'https://zwfw.example.gov.cn',
    title: '某市政务服务',
    devicePixelRatio: 3,
    viewport: { width: 360, height: 780 },
    scroll: { x: 0, y: 0 },
    nodes: [node(-1, 'html', { rect: { x: 0, y: 0, width: 360, height: 780 } }), ...nodes],
    truncated: false,
    ...o,
  };
}
