// Appium imports this file. The driver is written in TypeScript and loaded through tsx's ESM hook,
// so the project needs no build step and the driver always runs the code in the checkout.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./lib/index.ts');

export const ReplayDriver = mod.ReplayDriver;
export default ReplayDriver;
