import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../src/fs/atomic.ts';
import type { Findings } from '../../src/findings/schema.ts';
import { TOOL_NAME, TOOL_VERSION } from '../../src/version.ts';
import { annotatedGroupPath, annotatedPath, groupEvidence } from '../annotate.ts';
import { launchState, loadBundleData, pathTo, type BundleData } from '../bundle-data.ts';
import { clauseOrder, clauseTitle } from '../clauses.ts';
import { bundleHref, resolveInBundle } from '../paths.ts';
import { crawlGraphSvg, graphEdges, type GraphNode } from './graph-svg.ts';
import { reportHtml, type ClauseView, type ReportView } from './page.ts';
import { describeAction } from './steps.ts';
import { EVIDENCE_SIZE, ImageInliner, THUMB_SIZE } from './inline-images.ts';

export const REPORT_FILE = 'report.html';

/** A relative href for a bundle file that exists, else undefined (the report never links a missing file). */
function existingHref(dir: string, rel: string | undefined): string | undefined {
  const abs = resolveInBundle(dir, rel);
  return abs && existsSync(abs) ? bundleHref(rel) : undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** The report's view of a bundle: everything the page shows, nothing escaped yet; images inlined. */
export async function buildReportView(data: BundleData): Promise<ReportView> {
  const { dir, findings, run, graph, manifest } = data;
  const images = new ImageInliner(dir);
  const sorted = [...findings.clauses].sort((a, b) => clauseOrder(a.clause) - clauseOrder(b.clause));
  const clauses: ClauseView[] = await Promise.all(
    sorted.map(async (c) => ({
      clause: c.clause,
      title: clauseTitle(c.clause),
      verdict: c.verdict,
      summary: c.summary,
      evidence: await Promise.all(
        groupEvidence(c.evidence).map(async (g) => {
          const first = c.evidence[g.indices[0]];
          const screen = data.screens.find((s) => s.state === first.state);
          const original = existingHref(dir, g.screenshot);
          const annotated = g.indices.length > 1 ? annotatedGroupPath(c.clause, g.indices[0]) : annotatedPath(c.clause, g.indices[0]);
          const image = (existingHref(dir, annotated) && (await images.dataUri(annotated, EVIDENCE_SIZE))) || (original ? await images.dataUri(g.screenshot, EVIDENCE_SIZE) : undefined);
          return {
            image,
            original,
            state: first.state,
            ...(screen?.title ? { title: screen.title } : {}),
            ...(screen?.blocked ? { blocked: screen.blocked } : {}),
            items: g.indices.map((i) => c.evidence[i]).map((e) => ({
              via: e.via,
              text: e.text,
              bounds: e.bounds,
              before: str(e.before),
              after: str(e.after),
              note: str(e.note),
            })),
            path: pathTo(data, first.state).map((a) => ({ text: describeAction(a), from: a.from, to: a.to })),
          };
        }),
      ),
    })),
  );

  const flagged = new Set(findings.clauses.filter((c) => c.verdict === 'fail').flatMap((c) => c.evidence.map((e) => e.state)));
  const nodes: GraphNode[] = await Promise.all(
    data.screens.map(async (s) => ({
      state: s.state,
      title: s.title,
      thumbnail: await images.dataUri(s.screenshot, THUMB_SIZE),
      inApp: s.inApp,
      flagged: flagged.has(s.state),
    })),
  );
  const dev = { ...(graph?.device ?? {}), ...(run.device ?? {}) };
  const width = Number(dev.width ?? dev.screen?.width) || undefined;
  const height = Number(dev.height ?? dev.screen?.height) || undefined;
  const edges = graphEdges(data.actions, new Set(nodes.map((n) => n.state)));
  const app = { ...(graph?.app ?? {}), ...(run.app ?? {}), ...findings.app };
  const historyDir = path.join(dir, 'history');
  return {
    app: {
      label: str(app.label),
      package: findings.app.package,
      versionName: str(app.versionName),
      versionCode: str(app.versionCode),
      apkSha256: str(app.apkSha256),
    },
    run: { ...findings.run },
    inAppScreens: data.screens.filter((s) => s.inApp).length,
    device: {
      model: str(dev.model),
      androidVersion: str(dev.androidVersion) ?? str(dev.platformVersion),
      screen: width && height ? `${width} × ${height}${dev.density ? `，${dev.density} dpi` : ''}` : undefined,
      udid: str(dev.udid),
    },
    tool: `${TOOL_NAME} ${TOOL_VERSION}`,
    rules: Object.fromEntries(Object.entries(run.rules ?? manifest?.rules ?? {}).map(([k, v]) => [k, String(v)])),
    clauses,
    graphSvg: crawlGraphSvg(nodes, edges, launchState(data), width && height ? height / width : undefined),
    generatedAt: new Date().toISOString(),
    ...(findings.signals ? { signals: { signals: findings.signals, screenNames: Object.fromEntries(data.screens.map((s) => [s.state, s.title])) } } : {}),
    previousManifests: existsSync(historyDir) ? readdirSync(historyDir).filter((f) => /^manifest-.*\.json$/.test(f)).length : 0,
  };
}

/** Renders `report.html` into the bundle; returns its path. `findings` defaults to findings.json. */
export async function renderReport(bundleDir: string, findings?: Findings): Promise<string> {
  const data = loadBundleData(bundleDir, findings);
  const file = path.join(data.dir, REPORT_FILE);
  writeFileAtomic(file, reportHtml(await buildReportView(data)));
  return file;
}
