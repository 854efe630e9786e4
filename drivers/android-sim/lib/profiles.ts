/**
 * How a simulated device misbehaves and how slow it is. A profile is data: the simulator reads it
 * on every request, so a test may change it mid-crawl (`sim.device(serial).profile.…`).
 */
import { z } from 'zod';

/** Milliseconds a UiAutomator2 round trip takes on the device, by kind of request. */
export const latencySchema = z.object({
  source: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).default([0, 0]),
  screenshot: z.number().nonnegative().default(0),
  tap: z.number().nonnegative().default(0),
  /** Any other UiAutomator2 request (find, attribute, settings …). */
  other: z.number().nonnegative().default(0),
  /** Any adb shell command (dumpsys, getprop …): an adb round trip on a real emulator. */
  shell: z.number().nonnegative().default(0),
  /**
   * How long the UI stays busy after a tap, back or swipe (a transition animation): the server
   * waits for an idle UI before the next page source or screenshot, at most its
   * `waitForIdleTimeout` setting, as UiAutomator2's `waitForIdle` does.
   */
  animation: z.number().nonnegative().default(0),
});
export type Latency = z.infer<typeof latencySchema>;

export const faultsSchema = z.object({
  /**
   * The UiAutomator2 server process dies after this many HTTP requests of a session (after
   * `/session` was created): the socket is dropped and `am instrument -w` ends with the
   * crash output a real instrumentation prints.
   */
  crashServerAfterRequests: z.number().int().positive().optional(),
  /** The device leaves `adb devices` (and every adb command fails) after this many requests. */
  vanishAfterRequests: z.number().int().positive().optional(),
  /**
   * An older UiAutomator2 server that does not report `max-text-length` in the page source: the
   * field still cuts typed text to its limit, but nothing on the screen says so.
   */
  hideMaxTextLength: z.boolean().optional(),
});
export type Faults = z.infer<typeof faultsSchema>;

export const profileSchema = z.object({
  latency: latencySchema.default(latencySchema.parse({})),
  faults: faultsSchema.default({}),
});
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

/**
 * Round trips measured on x86_64 Android 14 emulators with UiAutomator2 (page source of a
 * 40–200 node screen 0.3–1 s, a 1080×2340 PNG ~0.2 s, a W3C tap ~0.1 s, an adb shell ~40 ms).
 */
export const EMULATOR_LATENCY: Latency = { source: [300, 1000], screenshot: 200, tap: 100, other: 30, shell: 40, animation: 0 };

export const PROFILES = {
  instant: profileSchema.parse({}),
  emulator: profileSchema.parse({ latency: EMULATOR_LATENCY }),
} as const;

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
