/**
 * Synthetic UI screenshots with known Chinese text, for the OCR bench: typical government-app
 * layouts (status bar, title bar, list rows, grids, forms, buttons, small grey footers with filing
 * numbers) rendered with Noto Sans CJK SC at 1080×2340. Deterministic (seeded), so runs compare.
 *
 *   npx tsx bench/ocr-render.ts [outDir]   # writes the PNGs and truth.json for inspection
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { Rect } from '../src/geometry.ts';
import { SCREEN_H, SCREEN_W, SvgScreen } from './lib/svg-screen.ts';
import { seededRandom } from '../src/random.ts';

export interface RenderedScreen {
  name: string;
  file: string;
  truth: { text: string; bounds: Rect }[];
}

const BLUE = '#1f6fd0';
const GREY = '#999999';
const DARK = '#222222';

const DEPTS = ['市人民政府办公厅', '市发展和改革委员会', '市教育局', '市公安局', '市民政局', '市司法局', '市财政局', '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局', '市住房和城乡建设局', '市交通运输局', '市水利局', '市农业农村局', '市卫生健康委员会', '市应急管理局', '市市场监督管理局', '市医疗保障局', '市数据资源管理局'];
const ITEMS = ['关于进一步优化营商环境的若干措施', '社会保障卡申领与补换办理指南', '2024年度城乡居民医疗保险缴费通知', '不动产登记“一窗受理”服务说明', '关于做好冬季安全生产工作的通知', '公积金提取业务办理流程（试行）', '新生儿出生“一件事”联办服务', '老年人优待证在线申请须知', '企业开办全程网上办理操作手册', '关于开展防汛应急演练的通报', '残疾人两项补贴申请条件公示', '户籍迁移“跨省通办”业务指引', '出入境证件预约办理须知', '义务教育招生入学报名公告'];
const SERVICES = ['社保查询', '公积金', '医保缴费', '不动产', '户籍办理', '出入境', '交通违法', '生育登记', '住房保障', '就业服务', '教育入学', '法律援助', '税务办理', '企业开办', '养老认证', '更多服务'];
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', '周杰', '吴婷', '徐明', '孙丽'];

const rng = seededRandom;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function statusBar(s: SvgScreen, bg: string, fg: string, r: () => number): void {
  const mm = String(Math.floor(r() * 60)).padStart(2, '0');
  s.rect(0, 0, SCREEN_W, 80, bg)
    .text({ text: `${8 + Math.floor(r() * 10)}:${mm}`, x: 48, y: 22, size: 36, color: fg })
    .text({ text: `5G ${40 + Math.floor(r() * 60)}%`, x: 1032, y: 24, size: 32, color: fg, anchor: 'end' });
}

function titleBar(s: SvgScreen, title: string): void {
  s.rect(0, 80, SCREEN_W, 150, BLUE).path('M70 130 L45 155 L70 180', '#ffffff').text({ text: title, x: 540, y: 126, size: 50, color: '#ffffff', anchor: 'middle' });
}

function tabBar(s: SvgScreen, labels: string[]): void {
  s.rect(0, 2180, SCREEN_W, 160, '#ffffff');
  const step = SCREEN_W / labels.length;
  labels.forEach((l, i) => {
    const cx = Math.round(step * (i + 0.5));
    s.circle(cx, 2230, 26, i === 0 ? BLUE : '#c8ccd2').text({ text: l, x: cx, y: 2272, size: 30, color: i === 0 ? BLUE : '#666666', anchor: 'middle' });
  });
}

function footer(s: SvgScreen, y: number, r: () => number): void {
  const prov = pick(r, ['京', '浙', '苏', '粤', '沪', '鲁']);
  const num = 2019000000 + Math.floor(r() * 5_000_000);
  s.text({ text: `备案号：${prov}ICP备${num}号-${1 + Math.floor(r() * 5)}A`, x: 540, y, size: 30, color: GREY, anchor: 'middle' });
}

const TEMPLATES: Record<string, (s: SvgScreen, r: () => number) => void> = {
  list(s, r) {
    statusBar(s, BLUE, '#ffffff', r);
    titleBar(s, '政策文件');
    s.rect(40, 260, 1000, 96, '#ffffff', 48).text({ text: '搜索政策文件、办事指南', x: 100, y: 286, size: 40, color: '#b0b0b0' });
    for (let i = 0; i < 9; i++) {
      const y = 400 + i * 190;
      s.rect(0, y, SCREEN_W, 180, '#ffffff')
        .text({ text: pick(r, ITEMS), x: 48, y: y + 30, size: 44, color: DARK })
        .text({ text: pick(r, DEPTS), x: 48, y: y + 110, size: 34, color: GREY })
        .text({ text: `2024-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`, x: 1032, y: y + 110, size: 34, color: GREY, anchor: 'end' });
    }
    footer(s, 2120, r);
    tabBar(s, ['首页', '办事', '消息', '我的']);
  },
  grid(s, r) {
    statusBar(s, '#c0392b', '#ffffff', r);
    s.rect(0, 80, SCREEN_W, 560, '#c0392b').text({ text: '一网通办 惠企便民', x: 540, y: 230, size: 80, color: '#ffffff', bold: true, anchor: 'middle' });
    s.text({ text: `${pick(r, ['杭州', '苏州', '宁波', '成都', '合肥'])}市政务服务网`, x: 540, y: 360, size: 44, color: '#ffe9a8', anchor: 'middle' });
    const services = [...SERVICES].sort(() => r() - 0.5).slice(0, 8);
    services.forEach((name, i) => {
      const cx = 135 + (i % 4) * 270;
      const y = 700 + Math.floor(i / 4) * 240;
      s.circle(cx, y + 60, 56, pick(r, ['#3d8bfd', '#20c997', '#fd7e14', '#6f42c1'])).text({ text: name, x: cx, y: y + 140, size: 36, color: '#333333', anchor: 'middle' });
    });
    s.rect(0, 1220, SCREEN_W, 900, '#ffffff').text({ text: '通知公告', x: 48, y: 1250, size: 48, color: DARK, bold: true }).text({ text: '更多 >', x: 1032, y: 1260, size: 34, color: GREY, anchor: 'end' });
    for (let i = 0; i < 5; i++) {
      const y = 1350 + i * 150;
      s.rect(48, y + 18, 84, 44, '#fff1e6', 8)
        .text({ text: pick(r, ['热门', '最新', '置顶']), x: 90, y: y + 20, size: 28, color: '#fd7e14', anchor: 'middle' })
        .text({ text: pick(r, ITEMS), x: 152, y: y + 14, size: 40, color: '#333333' })
        .text({ text: `浏览 ${100 + Math.floor(r() * 9000)} 次`, x: 152, y: y + 82, size: 30, color: GREY });
    }
    tabBar(s, ['首页', '服务', '互动', '我的']);
  },
  form(s, r) {
    statusBar(s, BLUE, '#ffffff', r);
    titleBar(s, '投诉建议');
    const fields: [string, string][] = [['姓名', '请输入真实姓名'], ['联系电话', '请输入11位手机号码'], ['所属地区', '请选择所在区县'], ['事项类别', '请选择投诉建议类别']];
    fields.forEach(([label, hint], i) => {
      const y = 280 + i * 150;
      s.rect(0, y, SCREEN_W, 140, '#ffffff').text({ text: label, x: 48, y: y + 45, size: 40, color: DARK }).text({ text: hint, x: 300, y: y + 45, size: 40, color: '#b8b8b8' });
    });
    s.rect(0, 900, SCREEN_W, 520, '#ffffff').text({ text: '问题描述（不少于10个字）', x: 48, y: 930, size: 40, color: DARK });
    s.text({ text: '请详细描述您遇到的问题，以便我们及时处理。', x: 48, y: 1010, size: 36, color: '#b8b8b8' }).text({ text: '0/500', x: 1032, y: 1350, size: 30, color: GREY, anchor: 'end' });
    s.text({ text: '我已阅读并同意《用户服务协议》和《隐私政策》', x: 100, y: 1480, size: 32, color: '#666666' }).circle(70, 1499, 16, BLUE);
    s.rect(60, 1580, 960, 120, BLUE, 60).text({ text: '提交', x: 540, y: 1612, size: 46, color: '#ffffff', anchor: 'middle' });
    s.text({ text: `服务热线：12345  工作时间：周一至周五 ${8 + Math.floor(r() * 2)}:30-17:30`, x: 540, y: 1780, size: 30, color: GREY, anchor: 'middle' });
    s.text({ text: '注：您提交的信息仅用于办理本次诉求，我们将依法保护您的个人信息。', x: 540, y: 1840, size: 24, color: '#aaaaaa', anchor: 'middle' });
  },
  about(s, r) {
    statusBar(s, '#ffffff', DARK, r);
    s.rect(0, 80, SCREEN_W, 150, '#ffffff').path('M70 130 L45 155 L70 180', DARK).text({ text: '关于我们', x: 540, y: 126, size: 50, color: DARK, anchor: 'middle' });
    const city = pick(r, ['杭州', '温州', '无锡', '佛山', '济南']);
    s.rect(390, 320, 300, 300, BLUE, 60).text({ text: '政', x: 540, y: 380, size: 160, color: '#ffffff', bold: true, anchor: 'middle' });
    s.text({ text: `${city}政务服务`, x: 540, y: 660, size: 56, color: DARK, bold: true, anchor: 'middle' }).text({ text: `版本 ${1 + Math.floor(r() * 5)}.${Math.floor(r() * 10)}.${Math.floor(r() * 10)}`, x: 540, y: 750, size: 36, color: GREY, anchor: 'middle' });
    const rows = [`主办单位：${city}市人民政府办公厅`, `承办单位：${city}市数据资源管理局`, `技术支持：${city}市大数据发展有限公司`, `客服电话：0571-${String(80000000 + Math.floor(r() * 9999999))}`, `电子邮箱：service@${pick(r, ['hz', 'wz', 'wx'])}.gov.cn`];
    rows.forEach((t, i) => s.rect(0, 880 + i * 130, SCREEN_W, 120, '#ffffff').text({ text: t, x: 48, y: 915 + i * 130, size: 38, color: '#333333' }));
    s.text({ text: '用户协议 | 隐私政策', x: 540, y: 2060, size: 32, color: BLUE, anchor: 'middle' });
    footer(s, 2130, r);
    s.text({ text: `Copyright © 2024 ${city}市人民政府 版权所有`, x: 540, y: 2200, size: 28, color: GREY, anchor: 'middle' });
  },
  ranking(s, r) {
    statusBar(s, '#0b8457', '#ffffff', r);
    s.rect(0, 80, SCREEN_W, 150, '#0b8457').text({ text: '巡河积分排行', x: 540, y: 126, size: 50, color: '#ffffff', anchor: 'middle' });
    s.rect(40, 260, 1000, 240, '#ffffff', 24).text({ text: '我的积分', x: 80, y: 290, size: 36, color: GREY }).text({ text: `${1000 + Math.floor(r() * 900)}分`, x: 80, y: 350, size: 72, color: '#0b8457', bold: true });
    s.text({ text: `当前排名：第${1 + Math.floor(r() * 30)}名`, x: 1000, y: 380, size: 36, color: '#333333', anchor: 'end' });
    const names = [...NAMES].sort(() => r() - 0.5);
    let score = 3000;
    for (let i = 0; i < 10; i++) {
      const y = 540 + i * 150;
      score -= Math.floor(r() * 120);
      s.rect(0, y, SCREEN_W, 140, '#ffffff')
        .text({ text: String(i + 1), x: 70, y: y + 40, size: 44, color: i < 3 ? '#e67e22' : GREY, bold: true, anchor: 'middle' })
        .text({ text: names[i], x: 150, y: y + 28, size: 40, color: DARK })
        .text({ text: pick(r, ['西湖区河长办', '上城区林水局', '滨江区街道', '萧山区农业农村局']), x: 150, y: y + 84, size: 28, color: GREY })
        .text({ text: `${score}分`, x: 1032, y: y + 40, size: 40, color: '#0b8457', anchor: 'end' });
    }
    s.text({ text: '数据每日凌晨2:00更新，统计周期为自然月。', x: 540, y: 2100, size: 28, color: GREY, anchor: 'middle' });
  },
  cards(s, r) {
    statusBar(s, '#1b2a49', '#ffffff', r);
    s.rect(0, 80, SCREEN_W, 2260, '#1b2a49').text({ text: '个人中心', x: 540, y: 126, size: 50, color: '#ffffff', anchor: 'middle' });
    s.circle(150, 370, 80, '#8fa3c7').text({ text: `${pick(r, NAMES)}，您好`, x: 270, y: 320, size: 48, color: '#ffffff', bold: true }).text({ text: '已实名认证 | 138****5678', x: 270, y: 395, size: 32, color: '#aebbd6' });
    const menus = ['我的办件', '我的证照', '我的预约', '我的评价', '消息通知', '设置'];
    menus.forEach((m, i) => {
      const y = 560 + i * 150;
      s.rect(40, y, 1000, 130, '#243a63', 20).text({ text: m, x: 90, y: y + 40, size: 42, color: '#ffffff' }).text({ text: i === 0 ? `${1 + Math.floor(r() * 9)}件办理中` : '', x: 990, y: y + 45, size: 32, color: '#ffcc66', anchor: 'end' });
    });
    s.rect(60, 1560, 960, 120, '#e74c3c', 60).text({ text: '退出登录', x: 540, y: 1592, size: 46, color: '#ffffff', anchor: 'middle' });
    s.text({ text: '本服务由国家政务服务平台提供支持', x: 540, y: 1760, size: 30, color: '#8fa3c7', anchor: 'middle' });
  },
};

/** Renders `perTemplate` variants of every layout into `dir`; returns files with their truth. */
export async function renderScreens(dir: string, perTemplate = 1): Promise<RenderedScreen[]> {
  await mkdir(dir, { recursive: true });
  const out: RenderedScreen[] = [];
  for (const [t, draw] of Object.entries(TEMPLATES)) {
    for (let v = 0; v < perTemplate; v++) {
      const r = rng(1 + v * 7919 + t.length * 104729 + t.charCodeAt(0));
      const s = new SvgScreen();
      draw(s, r);
      const name = `${t}-${v + 1}`;
      const file = path.join(dir, `${name}.png`);
      await sharp(Buffer.from(s.svg())).png().toFile(file);
      out.push({ name, file, truth: s.texts.filter((x) => x.text.trim() !== '') });
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'test-artifacts/ocr-render';
  const screens = await renderScreens(dir, 1);
  await writeFile(path.join(dir, 'truth.json'), JSON.stringify(screens, null, 2));
  console.log(`${screens.length} screens in ${dir} (${SCREEN_W}×${SCREEN_H})`);
}
