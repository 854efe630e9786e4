import { BadInputError } from '../../src/errors.ts';
import { ALIPAY } from './alipay.ts';
import { HOST_IDS, type HostId, type HostProfile } from './host-profile.ts';
import { QUICK_APP } from './quick-app.ts';
import { WECHAT } from './wechat.ts';

const PROFILES: Record<HostId, HostProfile> = { wechat: WECHAT, alipay: ALIPAY, quickapp: QUICK_APP };

/** The profile of a host by its id (`--host`); BAD_ARGUMENT naming the option otherwise. */
export function hostProfile(id: string, where = '--host'): HostProfile {
  if (!(HOST_IDS as readonly string[]).includes(id)) throw new BadInputError('BAD_ARGUMENT', `${where} ${id}: expected one of ${HOST_IDS.filter((h) => h !== 'quickapp').join(', ')}`);
  return PROFILES[id as HostId];
}
