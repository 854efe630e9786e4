import { BadInputError } from '../../src/errors.ts';
import type { HostId } from './host-profile.ts';
import { hostProfile } from './profiles.ts';

/** A mini-program (or quick app) to crawl inside its host, as given by `--mini-program`/`--quick-app` or apps.yaml. */
export interface MiniTarget {
  host: HostId;
  /** The name a person searches for in the host (某市政务服务). */
  name?: string;
  /** The platform's id (WeChat `wx` + 16 hex, Alipay 16 digits): opened through a configured scheme link. */
  appid?: string;
  /** Quick apps: the quick app's package, opened as `hap://app/<package>`. */
  quickApp?: string;
  /** The host or engine package when it is not the profile's (a vendor quick-app engine). */
  hostPackage?: string;
}

const WECHAT_APPID = /^wx[0-9a-f]{16}$/i;
const ALIPAY_APPID = /^20\d{14}$/;
const PACKAGE_RE = /^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/;

/** What `--mini-program <name|appid> --host <h>` or `--quick-app <package> [--engine <pkg>]` name; BAD_ARGUMENT otherwise. */
export function parseMiniTarget(o: { miniProgram?: string; host?: string; quickApp?: string; engine?: string }, where = '--'): MiniTarget {
  const yamlNames: Record<string, string> = { 'quick-app': 'quickApp', 'mini-program': 'miniProgram', host: 'miniProgram.host', engine: 'engine' };
  const opt = (n: string) => (where === '--' ? `--${n}` : `${where}${yamlNames[n] ?? n}`);
  if (o.quickApp !== undefined) {
    if (o.miniProgram !== undefined) throw new BadInputError('BAD_ARGUMENT', `${opt('quick-app')}: give a quick app or a mini-program, not both`);
    if (!PACKAGE_RE.test(o.quickApp)) throw new BadInputError('BAD_ARGUMENT', `${opt('quick-app')} ${o.quickApp}: not a quick-app package name (hap://app/<package>)`);
    if (o.engine !== undefined && !PACKAGE_RE.test(o.engine)) throw new BadInputError('BAD_ARGUMENT', `${opt('engine')} ${o.engine}: not a package name`);
    return { host: 'quickapp', quickApp: o.quickApp, ...(o.engine ? { hostPackage: o.engine } : {}) };
  }
  const name = o.miniProgram?.trim();
  if (!name) throw new BadInputError('BAD_ARGUMENT', `${opt('mini-program')}: give the mini-program's name or appid`);
  if (o.host === undefined) throw new BadInputError('BAD_ARGUMENT', `${opt('host')}: a mini-program needs its host (wechat or alipay)`);
  const profile = hostProfile(o.host, opt('host'));
  if (profile.id === 'quickapp') throw new BadInputError('BAD_ARGUMENT', `${opt('host')} quickapp: use ${opt('quick-app')} <package>`);
  if (o.engine !== undefined) throw new BadInputError('BAD_ARGUMENT', `${opt('engine')}: only for quick apps`);
  const isAppid = profile.id === 'wechat' ? WECHAT_APPID.test(name) : ALIPAY_APPID.test(name);
  return isAppid ? { host: profile.id, appid: name } : { host: profile.id, name };
}

/** The key of a mini-program in govapp.yaml's `miniPrograms:` and in logs: its name, appid or quick-app package. */
export function miniKey(t: MiniTarget): string {
  return t.quickApp ?? t.appid ?? t.name!;
}

/** The host (engine) package a target runs in. */
export function miniHostPackage(t: MiniTarget): string {
  return t.hostPackage ?? hostProfile(t.host).package;
}
