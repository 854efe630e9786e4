/**
 * One base class for every error govapp-inspector raises on purpose.
 * `code` is stable (scripts and the batch journal match on it); the CLI prints
 * `govapp: <CODE>: <message>` as one line and exits non-zero.
 */
export type ErrorCode =
  | 'BAD_APP_GRAPH'
  | 'BAD_PAGE_SOURCE'
  | 'BAD_CONFIG'
  | 'BAD_ARGUMENT'
  | 'BAD_BUNDLE'
  | 'APPIUM_UNREACHABLE'
  | 'APPIUM_START_FAILED'
  | 'SESSION_FAILED'
  | 'DEVICE_OFFLINE'
  | 'DEVICE_UNRESPONSIVE'
  | 'APP_CRASH_LOOP'
  | 'APP_NOT_FOUND'
  | 'MINI_OPEN_FAILED'
  | 'OCR_FAILED'
  | 'ABORTED'
  | 'INTEGRITY_FAILED'
  | 'OUT_NOT_WRITABLE'
  | 'INTERNAL';

export class GovappError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class BadInputError extends GovappError {}
export class DeviceError extends GovappError {}

export function isGovappError(e: unknown): e is GovappError {
  return e instanceof GovappError;
}

/**
 * Errors caused by what the user (or the app under test) gave us, not by a device or server:
 * they exit 2, fail an app once in a batch and never count against the device.
 */
export function isInputErrorCode(code: string): boolean {
  return code.startsWith('BAD_');
}

/** One line for a human: the code, the message, and the first cause when it adds something. */
export function describeError(e: unknown): string {
  if (isGovappError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return `INTERNAL: ${e.message}`;
  return `INTERNAL: ${String(e)}`;
}
