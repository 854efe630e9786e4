/**
 * A subset of UiAutomator's `UiSelector` for the `-android uiautomator` locator strategy:
 * `new UiSelector().text("…").resourceId("…").instance(0)` and friends, several selectors joined
 * by `;`. Pure. `UiScrollable` is not supported (a replayed screen does not scroll).
 */
import type { ViewNode } from './view.ts';

type Test = (n: ViewNode) => boolean;

const attr = (n: ViewNode, name: string) => n.attrs[name] ?? '';
const full = (re: string) => new RegExp(`^(?:${re})$`, 's');

const STRING_METHODS: Record<string, (arg: string) => Test> = {
  text: (a) => (n) => attr(n, 'text') === a,
  textContains: (a) => (n) => attr(n, 'text').includes(a),
  textStartsWith: (a) => (n) => attr(n, 'text').startsWith(a),
  textMatches: (a) => (n) => full(a).test(attr(n, 'text')),
  description: (a) => (n) => attr(n, 'content-desc') === a,
  descriptionContains: (a) => (n) => attr(n, 'content-desc').includes(a),
  descriptionStartsWith: (a) => (n) => attr(n, 'content-desc').startsWith(a),
  descriptionMatches: (a) => (n) => full(a).test(attr(n, 'content-desc')),
  resourceId: (a) => (n) => attr(n, 'resource-id') === a,
  resourceIdMatches: (a) => (n) => full(a).test(attr(n, 'resource-id')),
  className: (a) => (n) => attr(n, 'class') === a,
  classNameMatches: (a) => (n) => full(a).test(attr(n, 'class')),
  packageName: (a) => (n) => attr(n, 'package') === a,
};

const BOOL_METHODS: Record<string, string> = {
  checkable: 'checkable', checked: 'checked', clickable: 'clickable', enabled: 'enabled', focusable: 'focusable',
  focused: 'focused', longClickable: 'long-clickable', scrollable: 'scrollable', selected: 'selected',
};

const CALL = /^\s*\.\s*([A-Za-z]+)\s*\(\s*("(?:[^"\\]|\\.)*"|true|false|-?\d+)?\s*\)/;

/** Parses one selector; throws an Error with a message naming the part it could not read. */
function parseOne(src: string): { tests: Test[]; instance?: number } {
  let rest = src.trim().replace(/^new\s+UiSelector\s*\(\s*\)/, '');
  const tests: Test[] = [];
  let instance: number | undefined;
  while (rest.trim()) {
    const m = CALL.exec(rest);
    if (!m) throw new Error(`cannot parse UiSelector near "${rest.trim().slice(0, 40)}"`);
    const [whole, method, raw] = m;
    rest = rest.slice(whole.length);
    const str = raw?.startsWith('"') ? (JSON.parse(raw) as string) : undefined;
    if (method in STRING_METHODS && str !== undefined) tests.push(STRING_METHODS[method](str));
    else if (method in BOOL_METHODS && (raw === 'true' || raw === 'false')) {
      const name = BOOL_METHODS[method];
      tests.push((n) => attr(n, name) === raw);
    } else if (method === 'index' && raw && /^\d+$/.test(raw)) tests.push((n) => attr(n, 'index') === raw);
    else if (method === 'instance' && raw && /^\d+$/.test(raw)) instance = Number(raw);
    else throw new Error(`UiSelector method ${method}(${raw ?? ''}) is not supported`);
  }
  return { tests, instance };
}

/** Node indices matching the selector(s), in document order. */
export function findByUiSelector(nodes: readonly ViewNode[], selector: string): number[] {
  const out = new Set<number>();
  for (const part of splitSelectors(selector)) {
    const { tests, instance } = parseOne(part);
    const hits = nodes.filter((n) => tests.every((t) => t(n))).map((n) => n.index);
    for (const i of instance === undefined ? hits : hits.slice(instance, instance + 1)) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Splits `a;b` at semicolons outside string literals. */
function splitSelectors(src: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\' && quoted) {
      cur += c + (src[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.filter((p) => p.trim());
}
