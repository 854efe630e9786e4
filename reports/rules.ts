import { TOOL_VERSION } from '../src/version.ts';

/**
 * Rule versions for the manifest: clause → `<detector id>@<version>`. Detectors ship with the
 * tool, so a detector without its own `meta.version` carries the tool's version. Loaded lazily
 * (and tolerantly) so the reports never fail for want of a detector module.
 */
export async function detectorRuleVersions(): Promise<Record<string, string>> {
  try {
    const { detectors } = await import('../detectors/index.ts');
    return Object.fromEntries(
      detectors.map((d) => [d.meta.clause, `${d.meta.id}@${(d.meta as { version?: string }).version ?? TOOL_VERSION}`]),
    );
  } catch {
    return {};
  }
}
