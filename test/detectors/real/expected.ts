/**
 * What a careful inspector concludes from each real screen of test/fixtures/real/ ALONE, per clause,
 * written from the findings.md rows of the draft standard before any detector was run on the corpus.
 *
 * One screen is never coverage, so absence is never concluded from it (findings.md, "Absence needs
 * coverage"): a per-screen verdict says only whether this screen is evidence about the clause:
 *   fail   — evidence against the clause (a prohibited function, an unlabelled AI answer)
 *   review — something a person must judge (a ranking whose measure is not shown, an entry whose form was not reached…)
 *   pass   — positive evidence for a requirement (a unit name, a complaint channel, a filing number, a report entry, an AI label)
 *   none   — the screen says nothing either way (absence-based verdicts of a crawl collapse to this)
 * 4.4 is left out: it rests on a typing probe, which a page source cannot show.
 */
export type ScreenVerdict = 'fail' | 'review' | 'pass' | 'none';
export const CORPUS_CLAUSES = ['4.1.1', '4.1.2', '4.1.3', '4.2', '4.3', '5', '6.h', '6.i', '7.3'] as const;
export type CorpusClause = (typeof CORPUS_CLAUSES)[number];

export interface ExpectedScreen {
  /** File under test/fixtures/real/screens/. */
  file: string;
  /** The app the capture was taken of (its package); system windows and launchers are not it. */
  app: string;
  /** What the screen is, in one line. */
  seen: string;
  /** Clauses not listed are `none` for `noneReason`. */
  expect: Partial<Record<CorpusClause, [ScreenVerdict, string]>>;
  noneReason?: string;
}

const THS = 'com.hexin.plat.android';
const FUTU = 'cn.futu.trader';
const WEWORK = 'com.tencent.wework';
const WECHAT = 'com.tencent.mm';
const trading = (what: string): [ScreenVerdict, string] => ['fail', `securities trading: ${what}`];
const launcherOf = (file: string, app: string, seen: string): ExpectedScreen => ({
  file,
  app,
  seen,
  expect: {},
  noneReason: 'a launcher, not the app under test: nothing on it is the app’s (its game ads and app icons included)',
});

export const EXPECTED: ExpectedScreen[] = [
  // 同花顺 (brokerage): every dump also carries the system status bar window with notifications.
  { file: 'ths-positions.xml', app: THS, seen: 'account positions with 买入/卖出/撤单 tabs', expect: { '6.i': trading('buy/sell entries, holdings with market values') } },
  { file: 'ths-trade-home.xml', app: THS, seen: 'trading home: assets, 买入/卖出, 新股申购, 国债逆回购, 现金理财', expect: { '6.i': trading('buy/sell, IPO subscription, reverse repo and cash-management products'), '4.1.2': ['none', '收益率 compared with an index is not an ordering of users'] } },
  { file: 'ths-trade-home-wealth.xml', app: THS, seen: 'trading home (other account): 买入/卖出, 国债逆回购 3天期 1.670%, 现金理财', expect: { '6.i': trading('buy/sell and yield products') } },
  { file: 'ths-simulated-ranking.xml', app: THS, seen: 'paper-trading tab with 买入/卖出 and a 排行榜 “更多牛人”, rows not shown', expect: { '6.i': trading('buy/sell entries among A股/基金/期货/港美股 tabs, 两融'), '4.1.2': ['review', 'a ranking of users (排行榜, 更多牛人) whose measure is not shown on the screen'] } },
  { file: 'ths-buy-form.xml', app: THS, seen: 'buy order form: code, price, quantity, 可买100股, 买 入', expect: { '6.i': trading('an order form with price and quantity and a buy button') } },
  { file: 'ths-sell-form.xml', app: THS, seen: 'sell order form with positions', expect: { '6.i': trading('a sell order form') } },
  { file: 'ths-sell-keyboard.xml', app: THS, seen: 'sell order form with the app’s own quantity keyboard (全仓/半仓/清空/卖出)', expect: { '6.i': trading('a sell order form') } },
  { file: 'ths-repo-list.xml', app: THS, seen: '国债逆回购 list: 年化收益率, 万元收益, 我要回购', expect: { '6.i': ['fail', 'lending for yield (reverse repo) with annualised returns: a wealth product'] } },
  { file: 'ths-repo-lend.xml', app: THS, seen: 'reverse-repo lending form: 借出, 到期收益, footer 功能帮助 | 意见反馈', expect: { '6.i': ['fail', 'a lending order form with expected return'], '4.3': ['review', '意见反馈 entry; the form behind it is not on this screen'] } },
  { file: 'ths-home-market.xml', app: THS, seen: 'market home: indices, A股/港股/美股/ETF/期货/可转债 tabs, 交易 tab, 问财 AI assistant icon', expect: { '6.i': trading('securities market tabs with a 交易 (trade) tab'), '7.3': ['none', 'an AI assistant icon (问财) but no answer on the screen'] } },
  { file: 'ths-dialog-not-allowed.xml', app: THS, seen: 'dialog 系统信息 / 当前时间不允许委托 / 确定 over the status bar', expect: {}, noneReason: 'a notice that orders are not accepted now: no offer, price or buy entry on the screen' },
  { file: 'ths-today-deals.xml', app: THS, seen: 'order/deal list: 今日成交单 with 买入/卖出 and prices', expect: { '6.i': trading('executed buy/sell orders with prices') } },
  launcherOf('launcher-microvirt.xml', THS, 'emulator launcher (app icons, game ads 0.1折) with the status bar'),
  // 富途牛牛 (brokerage)
  { file: 'futu-rebalance-history.xml', app: FUTU, seen: '调仓历史: position changes with 参考成交价', expect: { '6.i': trading('portfolio trades with reference trade prices') } },
  { file: 'futu-rebalance-history-2.xml', app: FUTU, seen: '调仓历史 (later capture)', expect: { '6.i': trading('portfolio trades with reference trade prices') } },
  { file: 'futu-rebalance-pending.xml', app: FUTU, seen: '调仓历史 with 待成交 (pending) orders', expect: { '6.i': trading('pending and executed trades with prices') } },
  { file: 'futu-rebalance-community.xml', app: FUTU, seen: '调仓历史 over the 牛牛圈 feed; bottom tabs 自选/市场/开户/理财/牛牛圈', expect: { '6.i': trading('trades with prices, 开户 (open an account) and 理财 tabs'), '4.1.3': ['none', '10小时前 and dates are timestamps, not counters'] } },
  launcherOf('launcher-ldplayer.xml', FUTU, 'emulator launcher with game ads'),
  // 企业微信 (office app). Private persons’ names redacted in four files.
  { file: 'wework-contacts.xml', app: WEWORK, seen: '通讯录: 我的客户, 智能机器人, staff list', expect: { '7.3': ['none', '智能机器人 is an entry; no AI answer on the screen'] } },
  { file: 'wework-contacts-ai-named.xml', app: WEWORK, seen: '通讯录 of a company; a contact named 老熊玩AI', expect: { '7.3': ['none', 'a person whose name contains “AI” is not an AI service'], '4.2': ['none', 'a company name, not a government unit'] } },
  { file: 'wework-group-chat-promo.xml', app: WEWORK, seen: 'external group chat: a merchant’s post (29.9元一箱, 返30元券, 包邮), 红包, toolbar 发起收款', expect: { '6.i': ['review', 'goods with prices posted by a group member, and a payment-collection tool: whether the app itself does commerce needs judgement'] } },
  { file: 'wework-group-chat.xml', app: WEWORK, seen: 'external group chat (members talking), toolbar 企业名片/发起收款/快捷回复', expect: { '6.i': ['review', 'a payment-collection tool (发起收款) whose purpose the screen does not show'], '4.3': ['none', '“被人恶意投诉了” is a chat message, not a channel'] } },
  { file: 'wework-add-customer.xml', app: WEWORK, seen: '添加客户: ways to add a customer', expect: {} },
  { file: 'wework-group-qr.xml', app: WEWORK, seen: 'group QR card', expect: {} },
  { file: 'wework-partner-detail.xml', app: WEWORK, seen: 'business partner detail: company, masked real name', expect: { '4.2': ['none', 'a company, not the host unit'] } },
  { file: 'wework-messages.xml', app: WEWORK, seen: 'message list with a side drawer (高级功能/创建加入企业/设置)', expect: {} },
  { file: 'wework-messages-new-org.xml', app: WEWORK, seen: 'message list of a new organisation with welcome messages', expect: {} },
  { file: 'wework-invite-dialog.xml', app: WEWORK, seen: 'dialog: invite to a large group?', expect: {} },
  launcherOf('launcher-vivo-suggestions.xml', WEWORK, 'vivo launcher with app suggestions (淘宝, 拼多多, 钱包 icons)'),
  launcherOf('launcher-vivo.xml', WEWORK, 'vivo launcher page'),
  // 微信 (chat app, trap for user content): status bar and the gesture bar window beside the app.
  { file: 'wechat-chat-list.xml', app: WECHAT, seen: 'chat list: group names (剪辑接单群, 注册公司-商标-财务代理…)', expect: {}, noneReason: 'names and previews of users’ chats are not the app’s functions' },
  { file: 'wechat-group-chat.xml', app: WECHAT, seen: 'group chat: job requests (找2分钟左右的ae动画… 到手200), spam (用抖音赚..加收代理)', expect: { '4.1.3': ['none', '2分钟 is the length of requested content, not a time counter'], '6.i': ['none', 'users’ messages without goods, prices or shop; no app offer'] } },
  // 大麦 (ticketing)
  { file: 'damai-show-detail.xml', app: 'cn.damai', seen: 'show page: ¥299 - ¥1388, 预售, 实名制购票', expect: { '6.i': ['fail', 'ticket sales with prices'], '4.1.3': ['none', '约120分钟 is the length of the show'] } },
  { file: 'damai-ticket-select.xml', app: 'cn.damai', seen: 'ticket tier/quantity selection; price split into “¥” and “999”; 限购3张, 按付款顺序配票', expect: { '6.i': ['fail', 'ticket purchase with a price (¥ and the amount in adjacent nodes)'] } },
  { file: 'damai-show-soldout.xml', app: 'cn.damai', seen: 'ticket tier selection, sold out: 票档, 缺货登记, ¥ 0', expect: { '6.i': ['fail', 'a ticket-sale page (tiers, price line, restock registration)'] } },
  // 平安一账通 (financial super-app)
  { file: 'pingan-wealth-home.xml', app: 'com.pingan.yzt', seen: 'asset home: 财富排名 超越0%用户, 信用卡, 贷款, 保险, 理财 1000元起投, 最高送百元券, 万里通积分', expect: { '6.i': ['fail', 'credit cards, loans, insurance, wealth products and coupons'], '4.1.2': ['none', 'a wealth ranking (财富排名) beside a points programme (万里通积分) is not a points ranking'] } },
  // 智谱 AutoGLM agent (AI app)
  { file: 'zhipu-agent-result.xml', app: 'com.zhipu.agent', seen: 'AI agent result: generated report of the task, suggestions, footer 内容由ai生成，仅供参考', expect: { '7.3': ['pass', 'the interaction screen carries an explicit label (AI + 生成) below the generated answer'], '6.i': ['none', 'reports an order the user asked for in another app; no goods, price or shop of its own'] } },
  // K PLUS (Thai bank): text in Thai; zero-size nodes hold hidden menu texts.
  { file: 'kplus-home.xml', app: 'com.kasikorn.retail.mbanking.wap', seen: 'bank home: transfers, balance (masked), insurance ad มีประกันไว้ อุ่นใจกว่า / คุ้มครองสูงสุด 100,000 บาท', expect: { '6.i': ['fail', 'an insurance product advertised with its coverage amount (in Thai)'] } },
  // Non-Chinese controls
  { file: 'youtube-shorts-camera.xml', app: 'com.google.android.youtube', seen: 'Shorts camera (content-desc only)', expect: { '4.1.3': ['none', 'Record up to 60 seconds / 60s is a recording limit, not a counter'] } },
  { file: 'youtube-shorts-editor.xml', app: 'com.google.android.youtube', seen: 'Shorts editor', expect: {} },
  { file: 'thunderbird-inbox.xml', app: 'net.thunderbird.android', seen: 'mail inbox (empty)', expect: {} },
  { file: 'google-search-home.xml', app: 'com.google.android.googlequicksearchbox', seen: 'Google search box', expect: {} },
  { file: 'autojs-error-dialog.xml', app: 'org.autojs.autojs', seen: 'error dialog: 无法读取文件', expect: {} },
];

export function expectedVerdict(s: ExpectedScreen, clause: CorpusClause): [ScreenVerdict, string] {
  return s.expect[clause] ?? ['none', s.noneReason ?? 'nothing on the screen bears on this clause'];
}
