import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the govapp-inspector package (holds package.json and node_modules with the Appium drivers). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
