import type { Credentials } from '../src/config/schema.ts';
import { center } from '../src/geometry.ts';
import { labelOf, type Snapshot } from '../src/snapshot/model.ts';
import type { Task, TaskProvider } from './explorer.ts';
import { classifyPasswordForm, locatorFor, type PasswordFormKind } from './forms.ts';
import { selectorFor, skippedEntry } from './actions.ts';
import { DEFAULT_SAFETY, judgeControl, screenSafety, type SafetyPolicy } from './safety.ts';

/**
 * Logs in with the credentials from the config whenever a real login form shows up (apps that
 * log out on relaunch need it again): an account field, exactly one password field and a login
 * button (crawlers/forms.ts). Change-password, register and reset forms are recorded as forms
 * and never filled. It types the username into the account field and the password into that
 * one password field, and taps only the login button — after the safety policy, for which a
 * login button is the one allowed "submit"; any other intent on it (授权登录 grants) refuses it.
 * Failed attempts are capped at `maxAttempts` per crawl (default 2) and logins overall at
 * MAX_LOGINS, so a real account is never locked; the typed values never reach crawl.jsonl, logs
 * or the recording (they are written as "[redacted]").
 */
const MAX_LOGINS = 10;

/** What crawl.jsonl, logs and the recording say was typed into a credential field. */
export const REDACTED = '[redacted]';

/** Intents a login button may name without being refused: it submits the login form. */
const LOGIN_EXCEPTION = new Set(['submit', 'confirm', 'not-navigation']);

export interface FormSeen {
  state: string;
  kind: PasswordFormKind;
  why: string;
}

export class LoginTasks implements TaskProvider {
  private attempts = 0;
  private failures = 0;
  private succeeded = false;
  /** Password forms seen, by state: what each was taken for (run.json `forms`). */
  readonly forms: FormSeen[] = [];
  private readonly judged = new Set<string>();

  constructor(
    private readonly credentials: Credentials | undefined,
    private readonly policy: SafetyPolicy = DEFAULT_SAFETY,
  ) {}

  get status(): { attempts: number; failures: number; succeeded: boolean } {
    return { attempts: this.attempts, failures: this.failures, succeeded: this.succeeded };
  }

  next(node: Parameters<TaskProvider['next']>[0], screen: Parameters<TaskProvider['next']>[1], snapshot: Snapshot): Task | undefined {
    const creds = this.credentials;
    const form = classifyPasswordForm(snapshot, creds ?? {}, { activity: screen.activity });
    if (form && !this.judged.has(node.key)) {
      this.judged.add(node.key);
      this.forms.push({ state: node.key, kind: form.kind, why: form.why });
    }
    if (!creds || !form?.login || this.failures >= creds.maxAttempts || this.attempts >= MAX_LOGINS) return undefined;
    const login = form.login;
    return {
      name: 'login',
      run: async (ctx) => {
        const { device, signal } = ctx;
        const selector = selectorFor(snapshot, login.submit, snapshot.elements.filter((e) => e.clickable));
        const verdict = judgeControl(this.policy, screenSafety(snapshot), login.submit);
        if (!verdict.allowed && !LOGIN_EXCEPTION.has(verdict.intent ?? '')) {
          this.failures = creds.maxAttempts;
          await ctx.refuse(skippedEntry('login', selector, verdict));
          ctx.log.warn({ intent: verdict.intent, text: verdict.text }, 'login button refused by the safety policy; not logging in');
          return;
        }
        this.attempts++;
        ctx.log.info({ attempt: this.attempts }, 'logging in with configured credentials');
        const user = locatorFor(snapshot, login.username);
        const pwd = locatorFor(snapshot, login.password);
        // Steps are labelled as a person sees the form (the report says 点击“登录”, not an id).
        const fieldLabel = (e: typeof login.username, fallback: string) => e.hint.trim() || e.contentDesc.trim() || fallback;
        await ctx.act({ kind: 'type', from: ctx.node, details: { selector: { locator: user }, detail: REDACTED, label: fieldLabel(login.username, '账号') } }, () => device.type(user, creds.username, signal));
        await ctx.act({ kind: 'type', from: ctx.node, details: { selector: { locator: pwd }, detail: REDACTED, label: fieldLabel(login.password, '密码') } }, () => device.type(pwd, creds.password, signal));
        const p = center(login.submit.bounds);
        await ctx.act(
          { kind: 'tap', from: ctx.node, details: { selector, label: labelOf(snapshot, login.submit).trim() || '登录', bounds: login.submit.bounds }, transition: (to) => ({ from: ctx.node.key, on: selector, to, replace: true }) },
          () => device.tap(p.x, p.y, signal),
        );
        const after = ctx.here();
        const ok = after.key !== undefined && after.key !== ctx.node.key && !classifyPasswordForm(after.snapshot, creds)?.login && !looksLikeError(after.snapshot);
        if (ok) this.succeeded = true;
        else this.failures++;
        ctx.log.info({ attempt: this.attempts, succeeded: ok }, 'login attempt finished');
      },
    };
  }
}

const ERROR_TEXT = /(错误|失败|不正确|有误|无效|锁定|error|invalid|incorrect|failed)/i;

function looksLikeError(s: Snapshot): boolean {
  return s.elements.some((e) => e.displayed && ERROR_TEXT.test(e.text));
}
