import type { ObservedAction } from '../../src/observation.ts';
import { ACTION_WORDS } from '../clauses.ts';

/** Plain-text Chinese descriptions of recorded actions, for the report's "到达路径". Not escaped. */

const SWIPE_WORDS: Record<string, string> = {
  up: '向上滑动（查看下方内容）',
  down: '向下滑动（查看上方内容）',
  left: '向左滑动',
  right: '向右滑动',
  'scroll-down': '向上滑动（查看下方内容）',
  'scroll-up': '向下滑动（查看上方内容）',
  'scroll-left': '向右滑动',
  'scroll-right': '向左滑动',
};

function short(s: string, max = 24): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('');
}

/** What identifies the target: its label, else its resource id without the package, else its class. */
export function targetName(a: Pick<ObservedAction, 'label' | 'selector'>): string {
  if (a.label) return short(a.label);
  const sel = a.selector ?? {};
  const id = sel['resource-id'];
  if (id) return id.slice(id.indexOf(':id/') >= 0 ? id.indexOf(':id/') + 4 : 0);
  return short(sel.text ?? sel['content-desc'] ?? sel.class ?? '');
}

/** Password-like fields: what was typed there is never shown, even if the crawl log kept it. */
export function isSecretField(a: Pick<ObservedAction, 'label' | 'selector'>): boolean {
  const hay = [a.label, ...Object.values(a.selector ?? {})].join(' ');
  return /密码|口令|验证码|password|passwd|pwd|secret|token|otp/i.test(hay);
}

export function describeAction(a: ObservedAction): string {
  switch (a.kind) {
    case 'tap':
      return `点击“${targetName(a)}”`;
    case 'type':
      return `在“${targetName(a)}”中输入“${isSecretField(a) || a.detail === '[redacted]' ? '••••••' : short(a.detail ?? '')}”`;
    case 'swipe':
      return SWIPE_WORDS[a.detail ?? ''] ?? '滑动';
    case 'back':
      return '按返回键';
    case 'wait':
      return `等待 ${Math.max(1, Math.round(a.durationMs / 1000))} 秒`;
    default:
      return ACTION_WORDS[a.kind] ?? a.kind;
  }
}

/** A short edge label for the crawl graph. */
export function edgeLabel(a: ObservedAction): string {
  switch (a.kind) {
    case 'tap':
      return short(targetName(a), 8);
    case 'swipe':
      return (
        ({ up: '上滑', down: '下滑', left: '左滑', right: '右滑', 'scroll-down': '上滑', 'scroll-up': '下滑', 'scroll-left': '右滑', 'scroll-right': '左滑' }) as Record<string, string>
      )[a.detail ?? ''] ?? '滑动';
    case 'back':
      return '返回';
    case 'wait':
      return '等待';
    case 'type':
      return '输入';
    default:
      return ACTION_WORDS[a.kind] ?? a.kind;
  }
}
