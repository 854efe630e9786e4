/**
 * Turns a self-contained function into script text for `browser.execute` or a CDP init script.
 *
 * tsx (esbuild with `keepNames`) rewrites nested functions as `__name(fn, "fn")`, a helper that
 * exists in Node but not in the page; the prelude defines it as the identity so the function's
 * own text runs unchanged in the browser.
 */
const PRELUDE = 'var __name = function (f) { return f; };';

/** Script body for WebDriver `execute`: calls `fn` with the arguments passed to execute. */
export function executeScript(fn: (...args: never[]) => unknown): string {
  return `${PRELUDE}\nreturn (${fn.toString()}).apply(null, arguments);`;
}

/** A standalone expression statement that runs `fn()` once, for `Page.addScriptToEvaluateOnNewDocument`. */
export function initScript(fn: () => unknown): string {
  return `(function () {\n${PRELUDE}\n(${fn.toString()})();\n})();`;
}
