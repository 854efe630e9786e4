import type { Credentials } from '../src/config/schema.ts';
import { center } from '../src/geometry.ts';
import type { Task, TaskProvider } from './explorer.ts';
import { findLoginForm, locatorFor } from './forms.ts';
import { selectorFor } from './actions.ts';

/**
 * Logs in with the credentials from the config whenever a login form shows up (apps that log
 * out on relaunch need it again). Failed attempts are capped at `maxAttempts` per crawl
 * (default 2) and logins overall at MAX_LOGINS, so a real account is never locked; the typed
 * values never reach crawl.jsonl, logs or the recording (they are written as "[redacted]").
 */
const MAX_LOGINS = 10;

export class LoginTasks implements TaskProvider {
  private attempts = 0;
  private failures = 0;
  private succeeded = false;

  constructor(private readonly credentials: Credentials | undefined) {}

  get status(): { attempts: number; failures: number; succeeded: boolean } {
    return { attempts: this.attempts, failures: this.failures, succeeded: this.succeeded };
  }

  next(_node: Parameters<TaskProvider['next']>[0], _screen: Parameters<TaskProvider['next']>[1], snapshot: Parameters<TaskProvider['next']>[2]): Task | undefined {
    const creds = this.credentials;
    if (!creds || this.failures >= creds.maxAttempts || this.attempts >= MAX_LOGINS) return undefined;
    const form = findLoginForm(snapshot, creds);
    if (!form) return undefined;
    return {
      name: 'login',
      run: async (ctx) => {
        this.attempts++;
        const { device, signal } = ctx;
        ctx.log.info({ attempt: this.attempts }, 'logging in with configured credentials');
        const user = locatorFor(snapshot, form.username);
        const pwd = locatorFor(snapshot, form.password);
        await ctx.act({ kind: 'type', from: ctx.node, details: { selector: { locator: user }, detail: '[redacted]', label: 'username' } }, () => device.type(user, creds.username, signal));
        await ctx.act({ kind: 'type', from: ctx.node, details: { selector: { locator: pwd }, detail: '[redacted]', label: 'password' } }, () => device.type(pwd, creds.password, signal));
        const p = center(form.submit.bounds);
        const selector = selectorFor(snapshot, form.submit, snapshot.elements.filter((e) => e.clickable));
        await ctx.act(
          { kind: 'tap', from: ctx.node, details: { selector, label: 'login', bounds: form.submit.bounds }, transition: (to) => ({ from: ctx.node.key, on: selector, to, replace: true }) },
          () => device.tap(p.x, p.y, signal),
        );
        const after = ctx.here();
        const ok = after.key !== undefined && after.key !== ctx.node.key && !findLoginForm(after.snapshot, creds) && !looksLikeError(after.snapshot);
        if (ok) this.succeeded = true;
        else this.failures++;
        ctx.log.info({ attempt: this.attempts, succeeded: ok }, 'login attempt finished');
      },
    };
  }
}

const ERROR_TEXT = /(错误|失败|不正确|有误|无效|锁定|error|invalid|incorrect|failed)/i;

function looksLikeError(s: Parameters<typeof findLoginForm>[0]): boolean {
  return s.elements.some((e) => e.displayed && ERROR_TEXT.test(e.text));
}
