/**
 * An app-graph/1 directory installed on a simulated device: its screens and its running process,
 * both the replay driver's own runtime (drivers/replay/lib), so a simulated app behaves exactly
 * as a replayed one does.
 */
import { loadAppGraph, type LoadedAppGraph } from '@govapp/app-graph/load';
import { GraphRuntime, ScreenLibrary } from 'appium-replay-driver/runtime';

export class InstalledApp {
  readonly loaded: LoadedAppGraph;
  readonly screens: ScreenLibrary;
  readonly runtime: GraphRuntime;
  /** A stable fake pid per process start, for `pidof` / `ps`. */
  pid = 0;

  constructor(dir: string, now: () => number, log: (m: string) => void) {
    this.loaded = loadAppGraph(dir);
    this.screens = new ScreenLibrary(this.loaded);
    this.runtime = new GraphRuntime(this.loaded.graph, (id) => this.screens.source(id), { now, log });
  }

  get package(): string {
    return this.loaded.graph.app.package;
  }

  /** The launcher activity as `cmd package resolve-activity` reports it (fully qualified). */
  get launchActivity(): string {
    const a = this.loaded.graph.app.launchActivity ?? this.loaded.graph.states.find((s) => s.id === this.loaded.graph.start)?.activity ?? '.MainActivity';
    return qualify(this.package, a);
  }

  get versionName(): string {
    return this.loaded.graph.app.versionName ?? '1.0';
  }

  get versionCode(): number {
    return Number(this.loaded.graph.app.versionCode ?? 1) || 1;
  }
}

/** `.Main` → `pkg.Main`; an already qualified name stays. */
export function qualify(pkg: string, activity: string): string {
  return activity.startsWith('.') ? pkg + activity : activity;
}

/** `pkg.Main` → `.Main` when it lies inside the package, as dumpsys abbreviates it. */
export function shorten(pkg: string, activity: string): string {
  return activity.startsWith(pkg + '.') ? activity.slice(pkg.length) : activity;
}
