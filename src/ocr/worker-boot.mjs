// Entry of OCR worker threads. Worker threads start without the parent's TypeScript loader
// (vitest, or a plain `node` parent), so register tsx here, then load the TypeScript worker.
// The pool starts workers with `execArgv: []`, so tsx is never registered twice.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
