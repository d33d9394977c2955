import { createI18n } from 'vue-i18n';

export type ConsoleLanguage = 'zh-CN' | 'en';
export const LANGUAGES: readonly ConsoleLanguage[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'rsk-console-language';

const zhCN = {
  app: { title: '服务站管理控制台', skip: '跳到正文', language: '语言', signOut: '退出登录', signedInAs: '{name}（{role}）', roles: { district: '区级账号', station: '站点账号' } },
  nav: { district: '全区', station: '站点', fleet: '设备', label: '页面' },
  login: {
    title: '登录',
    intro: '使用管理员为您创建的账号登录。',
    name: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    wrong: '用户名或密码不正确。',
    tooMany: '尝试次数过多，请 {seconds} 秒后再试。',
    missing: '请输入用户名和密码。',
    failed: '无法登录：{message}',
  },
  range: { label: '时间范围', from: '开始日期', to: '结束日期', apply: '查看', today: '今天', last7: '近 7 天', last30: '近 30 天', period: '{from} 至 {to}', previous: '对比：{from} 至 {to}', invalid: '结束日期不能早于开始日期' },
  common: { loading: '正在加载…', error: '加载失败：{message}', forbidden: '此账号无权查看该页面。', network: '无法连接服务器。', vsPrevious: '较上期', noComparison: '无上期数据', points: '{value} 个百分点', pointsUnit: '个百分点', none: '—', tooFew: '访客不足 {min} 人', notCorrected: '未校正（未收到微笑模型信息）' },
  station: {
    title: '{name}',
    visitorsIn: '进站人次',
    visitorsOut: '出站人次',
    entryShare: '进站微笑比例',
    exitShare: '出站微笑比例',
    lift: '微笑提升',
    liftHint: '出站比例减进站比例',
    correctedDetail: '已按识别误差校正（模型 v{version}）；95% 区间 {low}–{high}；原始 {raw}（{smiling}/{visitors}）',
    rawDetail: '原始比例（{smiling}/{visitors}）',
    chartHourly: '每小时进出站人次与微笑比例',
    chartDaily: '每日进出站人次与微笑比例',
    heatmap: '进站人次：星期 × 小时',
    chartLabel: '图表：{title}',
    usage: '展项使用（按设备）',
    usageEmpty: '此期间没有展项使用记录。',
    metric: '项目',
    total: '合计',
    change: '较上期',
    csv: '导出 CSV（{from} 至 {to}）',
    csvHint: '每小时原始计数，UTC 时间，UTF-8 编码。',
  },
  district: {
    title: '全区站点对比',
    rank: '排名',
    station: '站点',
    sortBy: '排序依据',
    sort: { visitorsIn: '进站人次', liftPoints: '微笑提升', exitShare: '出站微笑比例', exhibitOpens: '展项打开次数' },
    visitorsIn: '进站人次',
    visitorsOut: '出站人次',
    entryShare: '进站微笑',
    exitShare: '出站微笑',
    lift: '提升（百分点）',
    exhibitOpens: '展项打开',
    trend: '每日进站人次趋势',
    compare: '各站进出站人次',
    empty: '还没有站点。',
    raw: '原始 {value}',
  },
  fleet: {
    title: '设备状态',
    threshold: '失联判定',
    thresholdOption: '超过 {label} 无心跳',
    silentCount: '{count} 台设备失联',
    allOk: '所有设备均在线',
    kiosk: '设备',
    station: '站点',
    lastHeartbeat: '最后心跳',
    silentFor: '失联 {duration}',
    never: '从未上报',
    version: '版本',
    pack: '内容包',
    cameras: '摄像头',
    backlog: '待上传',
    freeDisk: '剩余空间',
    restarts: '重启次数',
    history: '心跳记录',
    showHistory: '查看 {kiosk} 的心跳记录',
    historyTitle: '{kiosk} 的心跳记录（最近 {count} 次）',
    received: '收到时间',
    uptime: '运行时长',
    close: '关闭',
    empty: '还没有登记设备。',
    cameraStates: { ok: '正常', missing: '缺失', error: '故障', disabled: '已停用', unknown: '未知' },
  },
  duration: { d: '{n} 天', h: '{n} 小时', m: '{n} 分钟', lessThanMinute: '不到 1 分钟' },
  // One string (vue-i18n messages are strings), split on commas: Monday first, as the heat map's rows.
  weekdays: '周一,周二,周三,周四,周五,周六,周日',
  languages: { 'zh-CN': '中文', en: 'English' },
};

const en: typeof zhCN = {
  app: { title: 'Service station console', skip: 'Skip to content', language: 'Language', signOut: 'Sign out', signedInAs: '{name} ({role})', roles: { district: 'district account', station: 'station account' } },
  nav: { district: 'District', station: 'Station', fleet: 'Kiosks', label: 'Pages' },
  login: {
    title: 'Sign in',
    intro: 'Sign in with the account your administrator created for you.',
    name: 'User name',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    wrong: 'Wrong user name or password.',
    tooMany: 'Too many attempts: try again in {seconds} s.',
    missing: 'Enter your user name and password.',
    failed: 'Could not sign in: {message}',
  },
  range: { label: 'Period', from: 'From', to: 'To', apply: 'Show', today: 'Today', last7: 'Last 7 days', last30: 'Last 30 days', period: '{from} to {to}', previous: 'Compared with {from} to {to}', invalid: 'The end date is before the start date' },
  common: { loading: 'Loading…', error: 'Could not load: {message}', forbidden: 'This account may not see this page.', network: 'The server cannot be reached.', vsPrevious: 'vs. previous period', noComparison: 'No previous figures', points: '{value} pts', pointsUnit: 'pts', none: '—', tooFew: 'Fewer than {min} visitors', notCorrected: 'Not corrected (no smile model reported)' },
  station: {
    title: '{name}',
    visitorsIn: 'Visitors in',
    visitorsOut: 'Visitors out',
    entryShare: 'Smiling on entry',
    exitShare: 'Smiling on exit',
    lift: 'Smile lift',
    liftHint: 'Exit share minus entry share',
    correctedDetail: 'Corrected for the classifier’s error (model v{version}); 95% interval {low}–{high}; as counted {raw} ({smiling}/{visitors})',
    rawDetail: 'As counted ({smiling}/{visitors})',
    chartHourly: 'Visitors in and out and smiling shares per hour',
    chartDaily: 'Visitors in and out and smiling shares per day',
    heatmap: 'Visitors in: weekday × hour',
    chartLabel: 'Chart: {title}',
    usage: 'Exhibit use per kiosk',
    usageEmpty: 'No exhibit use in this period.',
    metric: 'What',
    total: 'Total',
    change: 'vs. previous',
    csv: 'Export CSV ({from} to {to})',
    csvHint: 'Raw hourly counts, UTC hours, UTF-8.',
  },
  district: {
    title: 'Stations side by side',
    rank: 'Rank',
    station: 'Station',
    sortBy: 'Rank by',
    sort: { visitorsIn: 'Visitors in', liftPoints: 'Smile lift', exitShare: 'Smiling on exit', exhibitOpens: 'Exhibit opens' },
    visitorsIn: 'Visitors in',
    visitorsOut: 'Visitors out',
    entryShare: 'Smiling in',
    exitShare: 'Smiling out',
    lift: 'Lift (pts)',
    exhibitOpens: 'Exhibit opens',
    trend: 'Visitors in per day',
    compare: 'Visitors in and out per station',
    empty: 'No stations yet.',
    raw: 'as counted {value}',
  },
  fleet: {
    title: 'Kiosks',
    threshold: 'Silent after',
    thresholdOption: 'no heartbeat for {label}',
    silentCount: '{count} kiosk(s) silent',
    allOk: 'Every kiosk is reporting',
    kiosk: 'Kiosk',
    station: 'Station',
    lastHeartbeat: 'Last heartbeat',
    silentFor: 'silent for {duration}',
    never: 'never reported',
    version: 'Version',
    pack: 'Content pack',
    cameras: 'Cameras',
    backlog: 'Upload backlog',
    freeDisk: 'Free disk',
    restarts: 'Restarts',
    history: 'Heartbeats',
    showHistory: 'Heartbeat history of {kiosk}',
    historyTitle: 'Heartbeats of {kiosk} (last {count})',
    received: 'Received',
    uptime: 'Up for',
    close: 'Close',
    empty: 'No kiosks registered yet.',
    cameraStates: { ok: 'ok', missing: 'missing', error: 'error', disabled: 'disabled', unknown: 'unknown' },
  },
  duration: { d: '{n} d', h: '{n} h', m: '{n} min', lessThanMinute: 'under a minute' },
  weekdays: 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
  languages: { 'zh-CN': '中文', en: 'English' },
};

export const CONSOLE_MESSAGES = { 'zh-CN': zhCN, en } satisfies Record<ConsoleLanguage, object>;

/** The language chosen last time in this browser, else the browser's own if it is English, else Chinese. */
export function savedLanguage(): ConsoleLanguage {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

export function saveLanguage(lang: ConsoleLanguage): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** vue-i18n in Composition API mode; messages compiled without `eval` (vue-i18n's default since v10), as the CSP needs. */
export function createConsoleI18n(locale: ConsoleLanguage) {
  document.documentElement.lang = locale;
  return createI18n<[typeof zhCN], ConsoleLanguage, false>({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: CONSOLE_MESSAGES });
}
