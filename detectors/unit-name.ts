import { z } from 'zod';
import { height } from '../src/geometry.ts';
import type { ObservedScreen, ScreenText } from '../src/observation.ts';
import { defineDetector } from './define.ts';
import { ABOUT_PAGE } from './lib/about-page.ts';
import { rowEvidence } from './lib/evidence.ts';
import { isStandaloneOrg, labelledUnits, leadingRole, orgKind, type OrgKind } from './lib/org.ts';
import { appScreens, contentTexts, isClipped, rowsOf, screenName, screenRoles, type Row } from './lib/screens.ts';
import { display, findTerm, hasEllipsis, quote, unique } from './lib/text.ts';
import { VENDOR_MARKERS } from './lib/vocab.ts';

type Problem = 'truncated' | 'small' | 'lowConfidence' | 'unrecognised';

interface Candidate {
  screen: ObservedScreen;
  row: Row;
  name: string;
  kind: OrgKind;
  /** Named after a 主办/使用 label (else a standalone organisation name on a home/login/about screen). */
  labelled: boolean;
  problem?: Problem;
}

export default defineDetector({
  meta: {
    id: 'unit-name',
    clause: '4.2',
    title: '显著位置展示主办（使用）单位全称或规范简称',
    basis: { truncated: 'absence', vendorOnly: 'absence' }, // fail only because no full name was found
    messages: {
      found: '{{screen}}显示主办（使用）单位名称“{{name}}”，完整清晰',
      small: '{{screen}}的单位名称“{{name}}”字号过小（高{{px}}像素），需人工确认是否清晰',
      lowConfidence: '{{screen}}图片中的单位名称“{{name}}”识别置信度低（{{confidence}}），需人工确认',
      unrecognised: '{{screen}}标注的单位“{{name}}”不像机关单位全称或规范简称，需人工确认',
      operatorOnly: '{{screen}}仅标注承办（运维）单位“{{name}}”，未见主办（使用）单位，需人工确认',
      truncated: '{{screen}}的单位名称显示不完整：“{{text}}”',
      vendorOnly: '仅发现技术支持或开发企业“{{name}}”，未见主办（使用）单位名称',
      none: '已遍历{{count}}个应用内页面，未在首页、登录、关于等页面发现主办（使用）单位名称',
      notExplored: '未观察到应用内页面，无法判断是否展示主办（使用）单位名称',
    },
    seek: {
      entries: [
        ABOUT_PAGE,
        // The user agreement and privacy policy name who runs the app.
        { name: 'policy', weight: 4, words: ['隐私政策', '用户协议', '服务协议', '隐私', '协议'], ids: ['privacy', 'agreement', 'policy', 'protocol', 'terms'], decay: 0.5 },
      ],
    },
  },
  options: z.object({
    /** Text lower than this share of the screen height is too small to be clear. */
    minTextHeightRatio: z.number().positive().default(0.009),
    /** OCR reads below this confidence need a person to look. */
    minOcrConfidence: z.number().min(0).max(1).default(0.8),
  }),
  detect(app, ctx) {
    const screens = appScreens(app);
    if (screens.length === 0) return ctx.report({ verdict: 'unknown', messageId: 'notExplored' });
    const roles = screenRoles(app);
    const { minTextHeightRatio, minOcrConfidence } = ctx.options;

    const assess = (screen: ObservedScreen, row: Row, name: string, labelled: boolean): Candidate => {
      const kind = orgKind(name);
      const c: Candidate = { screen, row, name, kind, labelled };
      const minHeight = Math.min(...row.texts.map((t) => height(t.bounds)));
      if (hasEllipsis(name) || row.texts.some((t) => isClipped(screen, t.bounds))) c.problem = 'truncated';
      else if (minHeight < minTextHeightRatio * screen.snapshot.height) c.problem = 'small';
      else if (row.texts.some((t) => t.via === 'ocr' && t.confidence < minOcrConfidence)) c.problem = 'lowConfidence';
      else if (labelled && kind === 'other') c.problem = 'unrecognised';
      return c;
    };

    const candidates: Candidate[] = [];
    const operators: Candidate[] = [];
    const vendors: Candidate[] = [];
    for (const screen of screens) {
      const onRoleScreen = (roles.get(screen.state)?.size ?? 0) > 0;
      // Units named after another role's label (来源, 发布机构, 技术支持, 承办 …): never a standalone host name.
      const otherRole = new Set<ScreenText>();
      for (const row of rowsOf(screen)) {
        const lead = leadingRole(row.text);
        if (lead && lead !== 'host') for (const t of row.texts) otherRole.add(t);
        for (const u of labelledUnits(row.text)) {
          if (u.role === 'host') candidates.push(assess(screen, row, u.name, true));
          else if (u.role === 'operator') operators.push(assess(screen, row, u.name, true));
          else if (u.role === 'vendor') vendors.push({ screen, row, name: u.name, kind: 'vendor', labelled: true });
        }
      }
      if (!onRoleScreen) continue;
      for (const t of contentTexts(screen)) {
        const row = { texts: [t], text: display(t.text), bounds: t.bounds };
        if (otherRole.has(t) || labelledUnits(t.text).length) continue;
        if (!t.clickable && isStandaloneOrg(t.text)) candidates.push(assess(screen, row, display(t.text), false));
        else if (findTerm(t.text, VENDOR_MARKERS)) vendors.push({ screen, row, name: display(t.text).replace(/^[^:：]*[:：]/, ''), kind: 'vendor', labelled: false });
      }
    }
    const units = unique(candidates.filter((c) => c.kind !== 'vendor'), (c) => `${c.screen.state}\n${c.row.text}`);
    const evidence = (cs: Candidate[]) => cs.slice(0, 4).map((c) => rowEvidence(c.screen, c.row));
    const base = (c: Candidate) => ({ screen: screenName(c.screen), name: quote(c.name), text: quote(c.row.text, 40) });

    // A 主办 label names the host outright; a standalone name on a home page is the next best.
    // A 主办 label names the host outright: standalone names then count only where they name the
    // same unit (its logo), never another one (a squad's name in a page header).
    const good = units.filter((c) => !c.problem && c.kind === 'gov');
    const hosts = new Set(good.filter((c) => c.labelled).map((c) => c.name));
    const ok = hosts.size ? good.filter((c) => c.labelled || hosts.has(c.name)).sort((a, b) => Number(b.labelled) - Number(a.labelled)) : good;
    if (ok.length) return ctx.report({ verdict: 'pass', messageId: 'found', data: base(ok[0]), evidence: evidence(ok) });
    const operator = unique(operators, (c) => `${c.screen.state}\n${c.row.text}`).filter((c) => !c.problem && c.kind === 'gov');
    if (operator.length)
      return ctx.report({ verdict: 'review', messageId: 'operatorOnly', data: base(operator[0]), evidence: evidence(operator) });
    const doubtful = units.filter((c) => c.problem && c.problem !== 'truncated');
    if (doubtful.length) {
      const c = doubtful[0];
      const px = Math.min(...c.row.texts.map((t) => height(t.bounds)));
      const confidence = Math.min(...c.row.texts.map((t) => t.confidence)).toFixed(2);
      return ctx.report({ verdict: 'review', messageId: c.problem!, data: { ...base(c), px, confidence }, evidence: evidence(doubtful) });
    }
    const truncated = units.filter((c) => c.problem === 'truncated');
    if (truncated.length) return ctx.report({ verdict: 'fail', messageId: 'truncated', data: base(truncated[0]), evidence: evidence(truncated) });
    const vendorCandidates = [...candidates.filter((c) => c.kind === 'vendor'), ...vendors];
    if (vendorCandidates.length)
      return ctx.report({ verdict: 'fail', messageId: 'vendorOnly', data: base(vendorCandidates[0]), evidence: evidence(vendorCandidates) });
    ctx.report({ verdict: 'fail', messageId: 'none', data: { count: screens.length } });
  },
});
