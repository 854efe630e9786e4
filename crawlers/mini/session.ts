import type { Logger } from 'pino';
import type { GovappConfig, Credentials } from '../../src/config/schema.ts';
import type { AppTarget } from '../../src/device/capabilities.ts';
import type { CurrentApp, Device } from '../../src/device/device.ts';
import { BadInputError } from '../../src/errors.ts';
import type { ObservedScreen } from '../../src/observation.ts';
import type { Snapshot } from '../../src/snapshot/model.ts';
import type { CandidateAction, SkippedAction } from '../actions.ts';
import { MiniOpener, type OpenResult } from './open.ts';
import { hostProfile } from './profiles.ts';
import { MiniScope } from './scope.ts';
import { miniHostPackage, miniKey, type MiniTarget } from './target.ts';

/**
 * Everything a crawl needs to treat a mini-program (or quick app) as the app under test: the
 * boundary (`place`), how to open it (`launch`), the host controls it may not use (`vet`), and
 * what run.json says about it. crawl() wires these into the explorer's target hooks.
 */
export class MiniSession {
  readonly scope: MiniScope;
  private readonly opener: MiniOpener;
  readonly credentials: Credentials | undefined;
  readonly key: string;
  private opened: OpenResult[] = [];

  constructor(
    readonly target: MiniTarget,
    config: GovappConfig,
    private readonly screen: { width: number; height: number },
    log: Logger,
  ) {
    const profile = hostProfile(target.host);
    this.key = miniKey(target);
    const own = config.miniPrograms[this.key];
    this.scope = new MiniScope(profile, miniHostPackage(target), own?.container ? new RegExp(own.container) : profile.container);
    if (target.name) this.scope.name = target.name;
    this.credentials = own?.credentials;
    this.opener = new MiniOpener({ scope: this.scope, target, link: own?.link, methods: own?.open, log: log.child({ mini: this.key }) });
  }

  /** The host package the device runs: what `--app`/the session must be. */
  get hostPackage(): string {
    return this.scope.hostPackage;
  }

  /** The name shown for the app: the mini-program's name, else its appid or quick-app package. */
  get label(): string {
    return this.target.name ?? this.key;
  }

  place = (current: CurrentApp, snapshot: Snapshot) => this.scope.place(current, snapshot);

  async launch(device: Device, signal?: AbortSignal): Promise<void> {
    this.opened.push(await this.opener.open(device, signal));
  }

  /** Refuses the capsule's close button and the capsule menu's entries other than the about page. */
  vet(state: string, a: CandidateAction): SkippedAction | undefined {
    return this.scope.vet(state, a, this.screen);
  }

  noteScreen(screen: ObservedScreen, snapshot: Snapshot): void {
    this.scope.noteScreen(screen.state, snapshot, screen);
  }

  /** run.json `mini`: what was crawled, where, and how it was opened each time. */
  info(): Record<string, unknown> {
    return {
      host: this.target.host,
      hostPackage: this.hostPackage,
      ...(this.target.name ? { name: this.target.name } : {}),
      ...(this.target.appid ? { appid: this.target.appid } : {}),
      ...(this.target.quickApp ? { quickApp: this.target.quickApp } : {}),
      container: this.scope.openedActivity,
      opened: this.opened,
    };
  }
}

/** The device target for a mini-program: its host's package on a real device, or a replayed host (app-graph) whose package must be the host's. */
export function miniDeviceTarget(mini: MiniTarget, given: AppTarget | undefined): AppTarget {
  const host = miniHostPackage(mini);
  if (!given) return { kind: 'package', package: host };
  if (given.kind === 'url' || given.kind === 'apk') throw new BadInputError('BAD_ARGUMENT', `a mini-program runs inside its host: --app must be the host's package or an app-graph of it, not ${given.kind === 'url' ? 'a URL' : 'an APK'}`);
  if (given.package !== host) throw new BadInputError('BAD_ARGUMENT', `--app ${given.kind === 'app-graph' ? given.dir : given.package}: its package ${given.package} is not the ${hostProfile(mini.host).label} host ${host}`);
  return given;
}
