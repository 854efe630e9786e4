/**
 * Serves a screen in the Appium UiAutomator2 page-source format whatever format it was recorded
 * in: tag = class name, attributes in UiAutomator2's order, `displayed` always present, root
 * `<hierarchy index="0" class="hierarchy" rotation width height>`. Pure.
 */
import { escapeXml } from '@govapp/app-graph/xml-escape';
import type { ScreenView, ViewNode } from './view.ts';

/** UiAutomator2's attribute order; attributes it does not know (hint, NAF …) follow in source order. */
const ATTR_ORDER = [
  'index', 'package', 'class', 'text', 'content-desc', 'resource-id', 'checkable', 'checked',
  'clickable', 'enabled', 'focusable', 'focused', 'long-clickable', 'password', 'scrollable', 'selected',
  'bounds', 'displayed',
] as const;
const ORDERED = new Set<string>(ATTR_ORDER);

/**
 * An attribute value as the UiAutomator2 server writes it: entities, numeric references for
 * tab/LF/CR, and characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates) dropped,
 * as the server drops them. The shared escaper (packages/app-graph), so host and driver agree.
 */
export function escapeAttr(value: string): string {
  return escapeXml(value, { invalid: 'drop', whitespace: 'reference' });
}

/** A class name as an XML tag: characters outside a name (`$` of inner classes …) become `_`. */
export function tagName(className: string): string {
  const tag = className.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(tag) ? tag : `_${tag}`;
}

function attributes(attrs: Record<string, string>): string {
  const names = [...ATTR_ORDER.filter((a) => attrs[a] !== undefined), ...Object.keys(attrs).filter((a) => !ORDERED.has(a))];
  return names.map((n) => ` ${n}="${escapeAttr(attrs[n])}"`).join('');
}

export function renderSource(view: ScreenView): string {
  const out: string[] = [
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>`,
    `<hierarchy index="0" class="hierarchy" rotation="${view.rotation}" width="${view.width}" height="${view.height}">`,
  ];
  const visit = (n: ViewNode): void => {
    const pad = '  '.repeat(n.depth + 1);
    const tag = tagName(n.attrs.class);
    if (n.children.length === 0) {
      out.push(`${pad}<${tag}${attributes(n.attrs)} />`);
      return;
    }
    out.push(`${pad}<${tag}${attributes(n.attrs)}>`);
    for (const c of n.children) visit(view.nodes[c]);
    out.push(`${pad}</${tag}>`);
  };
  for (const n of view.nodes) if (n.parent === undefined) visit(n);
  out.push('</hierarchy>');
  return out.join('\n');
}
