/**
 * Wording lists the detectors share. Each list says where it comes from: the draft standard
 * 政务移动互联网应用程序管理要求 (its clauses and notes), related national rules, or common
 * wording of government apps. Lists hold words, never names of particular apps.
 */

/** 4.1.1: the function names the clause forbids (打卡, 签到) and their common variants all contain these. */
export const CHECK_IN_TERMS = ['签到', '打卡'] as const;

/** 4.1.1: texts confirming a check-in just happened (签到成功, 已打卡, 连续签到3天…). */
export const CHECK_IN_CONFIRM_RE = /(签到|打卡)(成功|完成)|已(签到|打卡)|连续(签到|打卡)\d+天|(签到|打卡)\+?\d+(积分|分)/;

/**
 * 4.1.1 / 4.1.2 note: functions are allowed "因安保、应急、安全巡护、风险隐患排查、防火护堤、
 * 应急抢险、执法办案等特殊场景需要". Each scenario with the words that name it in app texts
 * (duty rosters 值班/值守 and patrols 巡河/巡护/巡查 are the usual wording of these scenarios).
 */
export const SPECIAL_SCENARIOS: readonly { scenario: string; terms: readonly string[] }[] = [
  { scenario: '安保', terms: ['安保', '安防', '保安', '巡逻', '警卫'] },
  { scenario: '应急抢险', terms: ['应急抢险', '抢险', '救援', '防汛', '抗旱', '救灾', '应急值守'] },
  { scenario: '应急', terms: ['应急'] },
  { scenario: '安全巡护', terms: ['安全巡护', '巡护', '巡河', '巡湖', '巡林', '护林', '巡山', '巡查', '巡检', '巡线', '河长', '林长'] },
  { scenario: '风险隐患排查', terms: ['风险隐患排查', '隐患排查', '风险排查', '隐患'] },
  { scenario: '防火护堤', terms: ['防火护堤', '防火', '护堤', '巡堤'] },
  { scenario: '执法办案', terms: ['执法办案', '执法', '办案', '稽查'] },
  { scenario: '值班值守', terms: ['值班', '值守', '带班'] },
];

/** 4.1.2: points statistics (积分/学时/学分 named by the clause, plus usual synonyms). */
export const POINTS_TERMS = ['积分', '学分', '学时', '学习分', '得分', '总分', '分值'] as const;

/** 4.1.2: a number with a points unit: 1280分, +5积分, 36.5学时 (not 3分钟, Ⅱ类, 分类). */
export const POINTS_VALUE_RE = /\d+(?:\.\d+)?\s*(积分|学分|学时|分)(?![钟秒类享析布])/;

/** 4.1.2: words for an ordering of people (排行榜, 排名, 名次, 榜单). */
export const RANKING_TERMS = ['排行', '排名', '名次', '榜单', '龙虎榜', '光荣榜'] as const;

/** 4.1.2: ranking told as text: 排名第15, 第3名, 超过了85%的用户, 击败92%的学员. */
export const RANKING_TEXT_RE = /排名\s*第?\s*\d+|第\s*\d+\s*名|(超过|超越|击败|领先)了?\s*(全[省市区县]?)?\s*\d+(\.\d+)?\s*%/;

/**
 * 4.1.2: statistics other than points that rankings are ordered by (wealth, returns, sales,
 * popularity, a game score): a ranking by one of these is not a points ranking, even beside points.
 */
export const OTHER_RANK_MEASURES = [
  '财富', '资产', '收益', '盈利', '盈亏', '涨幅', '跌幅', '销量', '销售', '成交', '人气', '热度', '热门', '粉丝', '播放', '阅读量', '点赞', '评分', '好评',
  '步数', '战力', '等级', '段位', '胜率',
] as const;

/** 4.1.2: words around a ranking word that say nothing of its measure (我的排名, 本月排行榜, 查看更多). */
export const RANK_FILLER_RE = /我的|本月|本周|本年|今日|今年|年度|月度|季度|全省|全市|全县|个人|单位|部门|查看|更多|全部|总|榜|的|\d+/g;

/**
 * 4.1.2: rankings of things, not of users, that government apps publish on purpose
 * (water and air quality, service windows, river sections…); a ranking of these is not a points ranking.
 */
export const NON_USER_RANK_SUBJECTS = ['水质', '空气质量', '空气', '环境质量', '河段', '断面', '窗口', '营商环境', '景区', '城市'] as const;

/**
 * 4.1.3: labels of a counter of the user's own time (在线时长, 学习时长 named by the clause, and
 * their usual variants). Deliberately not 课程时长/视频时长 (length of content) nor 学时 (a credit unit).
 */
export const ONLINE_TIME_LABELS = [
  '在线时长', '在线时间', '累计在线', '登录时长', '使用时长', '学习时长', '学习用时', '累计学习', '今日学习',
  '本次学习', '已学习', '今日已学', '已学', '阅读时长', '观看时长', '收看时长', '听课时长', '浏览时长', '停留时长', '活跃时长',
] as const;

/**
 * 4.1.3: headings of a statistics section whose durations are the user's own time (学习统计 over
 * 今日 32分钟 | 本月 320分钟): a counter whether or not it ticks.
 */
export const TIME_STAT_HEADINGS = ['学习统计', '学习数据', '学习报告', '学习情况', '学习记录', '时长统计', '在线统计', '使用统计', '在线情况'] as const;

/**
 * 4.2: labels that introduce the host/using unit, at the start of a field (not 主办 inside a
 * sentence such as 由市委宣传部主办的…); the short 主办/承办 need a colon or a space after them.
 */
export const UNIT_LABEL_RE =
  /(?:^|[\s|｜，,；;])(?:(主办单位|承办单位|使用单位|主管单位|运营单位|建设单位|主办方)\s*[:：]?|(主办|承办)\s*[:：]|(主办|承办)(?=\s))\s*/;

/**
 * 4.2: endings of names of government and Party organisations (人民政府, …局, …委员会, …组织部,
 * …办公室, …中心, …厅, …部, …). A name must end with one of these to count as a unit name.
 */
export const GOV_ORG_SUFFIXES = [
  '人民政府', '政府', '委员会', '办公厅', '办公室', '办事处', '领导小组', '组织部', '宣传部', '统战部', '政法委',
  '纪委', '监委', '管理局', '总局', '局', '厅', '委', '部', '署', '中心', '法院', '检察院', '党校', '支队', '大队', '总队',
  '工会', '团委', '妇联', '残联', '联合会',
] as const;

/** 4.2: vendors and companies — not the host unit even when named prominently. */
export const VENDOR_MARKERS = ['技术支持', '技术服务', '有限公司', '有限责任公司', '股份', '集团', '科技', '软件', '网络公司', '信息技术', 'Co.', 'Ltd', 'Inc'] as const;

/** 4.3: entries of a complaint/suggestion channel (投诉, 建议, 反馈, 留言, 意见, 咨询, 信箱 and variants). */
export const COMPLAINT_TERMS = ['投诉', '建议', '反馈', '留言', '意见', '咨询', '信箱', '诉求', '纠错', '我要问'] as const;

/**
 * 4.3: 上报 is incident reporting by staff, not a channel for the public's complaints; advice the
 * app gives the user (3条优化建议, 理财建议) is not a suggestion channel either.
 */
export const NOT_COMPLAINT_TERMS = ['上报', '优化建议', '投资建议', '理财建议', '健康建议', '建议您'] as const;
/** 4.3: a count of items addressed to the user (3 条优化建议, 5条新消息) is a notice, not an entry. */
export const ITEM_COUNT_RE = /\d+\s*条/;

/** 4.3: labels that offer a contact for complaints or suggestions (投诉电话, 监督电话, 意见建议邮箱, 征求意见). */
export const COMPLAINT_CONTACT_LABELS = ['投诉', '建议', '意见', '监督', '反馈', '留言', '纠错', '诉求', '信箱', '举报'] as const;

/**
 * 4.3: labels of numbers for an operational purpose (a duty line, police, fire, ambulance,
 * booking, a shop's service): not a complaint channel even on an about page.
 */
export const OPERATIONAL_CONTACT_LABELS = [
  '值班', '报警', '急救', '火警', '救援', '预约', '订票', '订房', '订餐', '挂号', '外卖', '配送', '门店', '商家', '售后', '物流', '快递',
] as const;

/** 4.3: screens whose contacts are the app's contact-us details (about, contact us, help / service centre). */
export const CONTACT_SECTION_RE = /关于|联系我们|联系方式|帮助|客服中心|服务中心|about|contact|help/i;

/** 4.3 / 6.h: labels that say a number or address is a way to reach someone. */
export const CONTACT_LABELS = ['电话', '热线', '客服', '联系', '邮箱', '信箱', '传真', '邮件', 'Email', 'E-mail', '手机', '投诉', '咨询', '举报'] as const;

/** 4.3: government service hotlines (便民 12345, 消费 12315, 纳税 12366, 人社 12333, 卫健 12320, 环保 12369, 法律 12348). */
export const SERVICE_HOTLINES = ['12345', '12315', '12366', '12333', '12320', '12369', '12348'] as const;

/** 6.h: report entries (举报, 投诉举报, 违法和不良信息举报). */
export const REPORT_TERMS = ['举报'] as const;

/** 6.h: reporting hotlines (12377 违法和不良信息举报, 12321 网络不良与垃圾信息举报, 12388 纪检监察举报). */
export const REPORT_HOTLINES = ['12377', '12321', '12388'] as const;

/** 6.i: entries of shopping, paid goods and paid membership. */
export const COMMERCE_ENTRY_TERMS = [
  '商城', '购物车', '立即购买', '去购买', '购买', '加入购物车', '立即抢购', '抢购', '秒杀', '团购', '下单', '会员充值',
  '充值中心', '开通会员', '开通VIP', 'VIP会员', '付费', '打赏', '带货', '优惠券', '领券',
] as const;

/**
 * 6.i: entries of securities, fund and lending business (经营性金融业务): trading (买入/卖出/撤单),
 * subscriptions and redemptions, account opening, margin trading, reverse repo and lending.
 */
export const TRADE_ENTRY_TERMS = ['买入', '卖出', '撤单', '申购', '赎回', '开户', '融资融券', '两融', '逆回购', '我要回购', '立即投资', '去投资'] as const;

/**
 * 6.i: financial products offered for profit: credit cards, loans, insurance, wealth management,
 * securities markets (股票/基金/期货/港股/美股/ETF/可转债) as the app's own sections.
 */
export const FINANCE_OFFER_TERMS = [
  '信用卡', '贷款', '借钱', '保险', '车险', '理财', '现金理财', '基金', '股票', '期货', '港美股', '港股', '美股', 'ETF', '可转债',
] as const;

/**
 * 6.i: government business that shares those words: public procurement and purchase of services,
 * social insurance, housing-fund and policy loans, public funds.
 */
export const NOT_COMMERCE_TERMS = [
  '政府购买', '政府采购', '购买服务', '采购公告', '社会保险', '社保', '养老保险', '医疗保险', '失业保险', '工伤保险', '生育保险', '医保',
  '公积金', '助学贷款', '担保贷款', '贴息贷款', '医保基金', '社保基金', '基金监管', '基金会', '保险箱',
] as const;

/** 6.i: ad markers: a standalone tag on a banner or splash (广告, 推广, AD) or a skip-ad button. */
export const AD_TAGS = ['广告', '推广', 'AD', '赞助'] as const;
export const AD_TEXT_RE = /跳过广告|广告\s*\d+\s*[sS秒]|关闭广告/;

/** 6.i: a price: ¥/￥ and an amount (possibly in the next node), or an amount in 元 for sale terms (29.9元一箱, 1000元起投). */
export const PRICE_RE = /[¥￥]\s*\d+(\.\d{1,2})?/;
export const CURRENCY_ONLY_RE = /^[¥￥]$/;
export const AMOUNT_RE = /^\d+(?:,\d{3})*(?:\.\d{1,2})?(?:\s*[-~起]\s*[¥￥]?\s*\d+(?:\.\d{1,2})?)?$/;
export const YUAN_OFFER_RE = /\d+(\.\d{1,2})?\s*元\s*(一|每|\/|起)/;
/** 6.i: the price of a securities trade (参考成交价 83.060, 委托价, 均价). */
export const TRADE_PRICE_RE = /(成交价|委托价|成交均价|最新价)\s*[:：]?\s*\d+(\.\d+)?/;
export const GOODS_TERMS = [
  '购买', '下单', '商品', '购物车', '销量', '已售', '库存', '包邮', '原价', '抢购', '优惠', '折扣', '会员', '限购', '购票', '售票', '票档', '门票', '预售', '起投', '付款',
] as const;

/**
 * 6.i: payment and payment-collection functions (收款, 钱包, 付款码): commerce unless they serve
 * only government fees, which a screen alone cannot tell (→ review).
 */
export const PAYMENT_ENTRY_TERMS = ['收款', '钱包', '付款码', '收银台'] as const;

/**
 * 7.3: names of AI services in government apps (智能问答, 智能助手, AI助手, 智能客服, 大模型, 问一问,
 * 小助手 from the clause's scope; 智能问政, 智能导办, 数字人, 智能体 in common use).
 */
export const AI_SERVICE_TERMS = [
  '智能问答', '智能助手', '智能助理', 'AI助手', 'AI问答', 'AI客服', 'AI帮办', 'AI搜索', '智能客服', '智能咨询', '智能问政', '智能导办',
  '大模型', '问一问', '小助手', '数字人', '智能体', 'DeepSeek', '人工智能助手',
] as const;
