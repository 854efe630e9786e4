import path from 'node:path';
import { z } from 'zod';
import { BadInputError } from '../src/errors.ts';
import type { DeviceSlot } from './pool.ts';
import { readYamlConfig } from './yaml-file.ts';

/**
 * devices.yaml: where the crawls of a batch run. Either a list of devices, each leased to one crawl
 * at a time:
 *
 * ```yaml
 * appiumUrl: http://127.0.0.1:4723        # default for devices that name none
 * devices:
 *   - udid: emulator-5554                 # or avd: govapp-0 (Appium boots it)
 *     systemPort: 8200                    # optional: distinct ports are assigned when absent
 *   - udid: emulator-5556
 *     appiumUrl: http://127.0.0.1:4724    # one Appium server per device also works
 *     capabilities: { "appium:platformVersion": "14" }
 * reset: scripts/emulator-snapshot.sh load --serial {udid}   # before every crawl (optional)
 * ```
 *
 * or one hub (a Selenium Grid 4 router with Appium relay nodes, an appium-device-farm hub) that
 * picks the device itself, with the number of crawls to run on it at once:
 *
 * ```yaml
 * hub: http://grid.lab:4444
 * slots: 4
 * capabilities: { "df:tags": "govapp" }
 * ```
 */
const url = z.url({ protocol: /^https?$/ });
const port = z.number().int().min(1024).max(65535);
const caps = z.record(z.string(), z.unknown());

const deviceSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    udid: z.string().min(1).optional(),
    avd: z.string().min(1).optional(),
    appiumUrl: url.optional(),
    systemPort: port.optional(),
    chromedriverPort: port.optional(),
    mjpegServerPort: port.optional(),
    capabilities: caps.optional(),
    reset: z.string().min(1).optional(),
  })
  .refine((d) => d.udid !== undefined || d.avd !== undefined || d.appiumUrl !== undefined, {
    message: 'needs udid, avd or its own appiumUrl',
  });

export const devicesFileSchema = z
  .strictObject({
    appiumUrl: url.optional(),
    devices: z.array(deviceSchema).min(1, 'lists no device').optional(),
    hub: url.optional(),
    slots: z.number().int().positive().max(256).optional(),
    capabilities: caps.optional(),
    /** Shell command run before each crawl on a device; `{udid}`, `{avd}`, `{id}` are filled in. */
    reset: z.string().min(1).optional(),
  })
  .refine((f) => (f.devices === undefined) !== (f.hub === undefined), { message: 'give either devices or hub (not both)' })
  .refine((f) => f.slots === undefined || f.hub !== undefined, { message: 'slots goes with hub', path: ['slots'] })
  .refine((f) => f.reset === undefined || f.hub === undefined, { message: 'reset needs devices (a hub picks the device itself)', path: ['reset'] });

/** Where UiAutomator2's host ports start when a device names none (its own defaults, then up). */
export const PORT_BASES = { systemPort: 8200, chromedriverPort: 9515, mjpegServerPort: 7810 } as const;
type PortKey = keyof typeof PORT_BASES;

export interface DevicesSpec {
  slots: DeviceSlot[];
  /** True for a hub: the slots are capacity, not devices. */
  hub: boolean;
}

/** Reads devices.yaml into pool slots, with distinct ports for every device. */
export function loadDevicesFile(file: string, opts: { concurrency?: number; appiumUrl?: string } = {}): DevicesSpec {
  const abs = path.resolve(file);
  const data = readYamlConfig(abs, devicesFileSchema);
  if (data.hub !== undefined) return { hub: true, slots: hubSlots(data.hub, data.slots ?? opts.concurrency ?? 1, data.capabilities) };
  const slots: DeviceSlot[] = data.devices!.map((d, i) => ({
    id: d.id ?? d.udid ?? d.avd ?? `device-${i + 1}`,
    appiumUrl: d.appiumUrl ?? data.appiumUrl ?? opts.appiumUrl,
    device: {
      udid: d.udid,
      avd: d.avd,
      systemPort: d.systemPort,
      chromedriverPort: d.chromedriverPort,
      mjpegServerPort: d.mjpegServerPort,
      extra: d.capabilities || data.capabilities ? { ...data.capabilities, ...d.capabilities } : undefined,
    },
    reset: d.reset ?? data.reset,
  }));
  const ids = new Map<string, number>();
  slots.forEach((s, i) => {
    if (ids.has(s.id)) throw new BadInputError('BAD_CONFIG', `${abs}: devices[${i}]: "${s.id}" is also devices[${ids.get(s.id)}]; give each device an id`);
    ids.set(s.id, i);
  });
  assignPorts(slots, abs);
  return { hub: false, slots };
}

/** `slots` capacity slots on one hub URL (Grid router or device-farm hub). */
export function hubSlots(hub: string, count: number, capabilities?: Record<string, unknown>): DeviceSlot[] {
  const slots = Array.from({ length: count }, (_, i) => ({ id: `hub-${i + 1}`, appiumUrl: hub, device: { extra: capabilities } }));
  assignPorts(slots, '--appium-url');
  return slots;
}

/**
 * Parallel UiAutomator2 sessions on one host need their own systemPort, chromedriverPort and
 * mjpegServerPort. Ports a device names are kept (and must be distinct); the rest are assigned
 * from {@link PORT_BASES} upwards, skipping taken ones. The replay driver ignores them.
 */
export function assignPorts(slots: DeviceSlot[], where: string): void {
  for (const key of Object.keys(PORT_BASES) as PortKey[]) {
    const taken = new Map<number, string>();
    for (const s of slots) {
      const p = s.device[key];
      if (p === undefined) continue;
      if (taken.has(p)) throw new BadInputError('BAD_CONFIG', `${where}: ${key} ${p} is given to both "${taken.get(p)}" and "${s.id}"`);
      taken.set(p, s.id);
    }
    let next: number = PORT_BASES[key];
    for (const s of slots) {
      if (s.device[key] !== undefined) continue;
      while (taken.has(next)) next++;
      s.device[key] = next;
      taken.set(next, s.id);
    }
  }
}
