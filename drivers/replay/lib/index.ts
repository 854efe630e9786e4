export { ReplayDriver } from './driver.ts';
