#!/usr/bin/env node
// The CLI is TypeScript, loaded through tsx's ESM hook (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
