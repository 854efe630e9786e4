import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadAppGraph } from '../src/appgraph/load.ts';
import type { AppGraph } from '../src/appgraph/schema.ts';
import type { AppTarget } from '../src/device/capabilities.ts';
import { BadInputError } from '../src/errors.ts';

export interface ResolvedTarget {
  target: AppTarget;
  /** The app-graph being replayed, for app-graph targets. */
  graph?: AppGraph;
}

const PACKAGE_RE = /^[a-zA-Z][\w]*(\.[a-zA-Z][\w]*)+$/;

/**
 * What `--app` names: an app-graph directory (replayed), an APK file, or an installed package
 * name. Validates it before any server or session is started.
 */
export function parseAppArgument(app: string): AppTarget {
  if (existsSync(app) && statSync(app).isDirectory()) {
    const { graph, dir } = loadAppGraph(app);
    return { kind: 'app-graph', dir, package: graph.app.package };
  }
  if (/\.apks?$/i.test(app)) {
    if (!existsSync(app)) throw new BadInputError('BAD_ARGUMENT', `--app ${app}: APK file not found`);
    return { kind: 'apk', apk: path.resolve(app) };
  }
  const [pkg, activity] = app.split('/');
  if (PACKAGE_RE.test(pkg)) return { kind: 'package', package: pkg, ...(activity ? { activity } : {}) };
  throw new BadInputError('BAD_ARGUMENT', `--app ${app}: not an app-graph directory, an .apk file or a package name`);
}

export function resolveTarget(t: AppTarget): ResolvedTarget {
  if (t.kind === 'app-graph') return { target: t, graph: loadAppGraph(t.dir).graph };
  if (t.kind === 'url') {
    let u: URL;
    try {
      u = new URL(t.url);
    } catch {
      throw new BadInputError('BAD_ARGUMENT', `--url ${t.url}: not a URL`);
    }
    if (!['http:', 'https:', 'file:'].includes(u.protocol)) throw new BadInputError('BAD_ARGUMENT', `--url ${t.url}: only http, https and file URLs`);
  }
  return { target: t };
}

/**
 * The package the crawl is about (for a web target, the page's origin); undefined for an APK
 * given without its package, which the session reports once the driver has read the APK.
 */
export function targetPackage(t: AppTarget): string | undefined {
  switch (t.kind) {
    case 'app-graph':
    case 'package':
      return t.package;
    case 'apk':
      return t.package;
    case 'url':
      return new URL(t.url).protocol === 'file:' ? 'file://' : new URL(t.url).origin;
  }
}
