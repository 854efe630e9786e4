/**
 * Secrets (configured passwords) never reach a log or a bundle. This module lists the forms a secret
 * can take on the way (JSON bodies, URLs, base64 payloads, UTF-16 buffers) and turns them into Appium
 * 3 `--log-filters` rules, so Appium's own log is redacted as it is written.
 */
import type { GovappConfig } from './config/schema.ts';

/** The configured passwords of every app in a config. */
export function configSecrets(config: Pick<GovappConfig, 'apps'>): string[] {
  return [...new Set(Object.values(config.apps).flatMap((a) => (a?.credentials?.password ? [a.credentials.password] : [])))];
}

/** The encodings a secret may appear in: plain, JSON-escaped, URL-encoded, base64 (UTF-8 and UTF-16LE), UTF-16 as text. */
export function secretVariants(secret: string): string[] {
  const out = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
    Buffer.from(secret, 'utf16le').toString('base64').replace(/=+$/, ''),
    Buffer.from(secret, 'utf16le').toString('latin1'),
  ]);
  return [...out].filter((v) => v.length >= 3);
}

/** One Appium log filter rule (https://appium.io/docs/en/latest/guides/log-filters/). */
export interface AppiumLogFilter {
  pattern?: string;
  text?: string;
  flags?: string;
  replacer?: string;
}

const SECURE = '**SECURE**';

/**
 * Rules for Appium's log: whatever is typed (`{"text": …}` bodies of element value and mobile:
 * type/replaceElementValue commands, `"value": [...]` key arrays, the arguments Appium echoes when it
 * calls a driver's setValue/replaceValue/keys) becomes `**SECURE**`, and so does every form of each
 * configured secret anywhere in a line.
 */
export function appiumLogFilters(secrets: string[] = []): AppiumLogFilter[] {
  const str = String.raw`"(?:[^"\\]|\\.)*"`;
  return [
    { pattern: String.raw`("text"\s*:\s*)${str}`, replacer: `$1"${SECURE}"` },
    { pattern: String.raw`("value"\s*:\s*)\[(?:\s*${str}\s*,?)*\]`, replacer: `$1["${SECURE}"]` },
    { pattern: String.raw`(Calling \w+\.(?:setValue|replaceValue|keys|mobileType|mobileReplaceElementValue)\(\) with args: ).*`, replacer: `$1${SECURE}` },
    ...secrets.flatMap(secretVariants).map((text) => ({ text, replacer: SECURE })),
  ];
}
