import { readFileSync } from 'node:fs';
import { signalsSchema, type Signals } from '../src/findings/schema.ts';

/** One app's findings/1 `signals`, cut to what a batch table shows per app. */
export interface SignalSummary {
  /** Permission names asked, short form with when: `ACCESS_FINE_LOCATION@launch`, `CAMERA@拍照打卡`. */
  permissions: string[];
  permissionsAtLaunch: number;
  newestDate?: string;
  stale?: boolean;
  deadEnds: number;
}

export function summariseSignals(s: Signals): SignalSummary {
  return {
    permissions: s.permissions.map((p) => `${p.permission.replace(/^android\.permission\./, '')}@${p.asked}`),
    permissionsAtLaunch: s.permissions.filter((p) => p.asked === 'launch').length,
    ...(s.freshness ? { newestDate: s.freshness.newestDate, stale: s.freshness.stale === true } : {}),
    deadEnds: s.deadEnds.length,
  };
}

/**
 * The signals of a bundle's findings.json; undefined when the file has none (older bundles) or
 * cannot be read — a batch summary never fails for one app's bundle.
 */
export function readSignalSummary(findingsFile: string): SignalSummary | undefined {
  try {
    const parsed = signalsSchema.safeParse(JSON.parse(readFileSync(findingsFile, 'utf8'))?.signals);
    return parsed.success ? summariseSignals(parsed.data as Signals) : undefined;
  } catch {
    return undefined;
  }
}
