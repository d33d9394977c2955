/**
 * The demo pack's `services` section (format: common/pack/servicesSection.ts): the station's services
 * board with one icon per service (SVG drawn here -> PNG through renderPngs) and the 15-minute service
 * circle. DEMO TEXT written for this project: opening times, places and walking minutes are examples,
 * not the station's; a station's own pack replaces them.
 */
import type { Bilingual } from '../content/stories';

export const SERVICES_WORDING: Record<string, Bilingual> = {
  title: { zh: '便民服务', en: 'Station services' },
  subtitle: { zh: '服务站为您准备了这些服务（示例文本）', en: 'What the station offers you (demo text)' },
  cornerLabel: { zh: '便民服务', en: 'Services' },
  hoursLabel: { zh: '开放时间', en: 'Open' },
  whereLabel: { zh: '位置', en: 'Where' },
  outOfUse: { zh: '今日暂停服务', en: 'Not available today' },
  circleTitle: { zh: '15分钟服务圈', en: '15-minute service circle' },
  circleSubtitle: { zh: '从服务站步行可达的周边服务（示例）', en: 'Services within a short walk of the station (demo)' },
  walkMinutes: { zh: '步行 {minutes} 分钟', en: '{minutes} min walk' },
  back: { zh: '返回', en: 'Back' },
};

interface ServiceText {
  id: string;
  name: Bilingual;
  text: Bilingual;
  hours: Bilingual;
  where: Bilingual;
  /** The icon's drawing inside a 192x192 box, white on the service's colour. */
  glyph: string;
  color: string;
}

const W = 'fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"';

export const SERVICES: ServiceText[] = [
  {
    id: 'nursing-room',
    name: { zh: '母婴室', en: 'Nursing room' },
    text: { zh: '可哺乳、换尿布，备有温水和座椅。', en: 'For nursing and changing, with warm water and a chair.' },
    hours: { zh: '每天 9:00–21:00', en: 'Daily 9:00–21:00' },
    where: { zh: '一层东侧，服务台旁', en: 'Ground floor, east side, by the desk' },
    glyph: `<circle cx="96" cy="58" r="20" ${W}/><path d="M60 150v-34a36 36 0 0172 0v34" ${W}/><circle cx="96" cy="122" r="12" fill="#fff"/>`,
    color: '#c0507a',
  },
  {
    id: 'family-toilet',
    name: { zh: '第三卫生间', en: 'Family toilet' },
    text: { zh: '宽敞无障碍，可陪同老人、儿童使用。', en: 'Roomy and step-free, for a carer with an elder or a child.' },
    hours: { zh: '开馆时间内', en: 'While the station is open' },
    where: { zh: '一层西侧，近出口', en: 'Ground floor, west side, near the exit' },
    glyph: `<circle cx="66" cy="50" r="14" fill="#fff"/><path d="M66 74v70M46 96h40" ${W}/><circle cx="128" cy="80" r="11" fill="#fff"/><path d="M128 98v46M112 116h32" ${W}/>`,
    color: '#2f7fb3',
  },
  {
    id: 'reading-corner',
    name: { zh: '阅读角', en: 'Reading corner' },
    text: { zh: '滨江历史和党史读物，可坐下翻阅。', en: 'Books on the riverside and its history, to read sitting down.' },
    hours: { zh: '每天 9:00–21:00', en: 'Daily 9:00–21:00' },
    where: { zh: '二层，靠江一侧', en: 'First floor, river side' },
    glyph: `<path d="M96 60c-18-12-42-14-60-10v86c18-4 42-2 60 10 18-12 42-14 60-10V50c-18-4-42-2-60 10zM96 60v86" ${W}/>`,
    color: '#8a5a2b',
  },
  {
    id: 'drinking-water',
    name: { zh: '直饮水', en: 'Drinking water' },
    text: { zh: '温水、冷水免费取用，可自带水杯。', en: 'Free warm and cold water; bring your own cup.' },
    hours: { zh: '每天 6:00–22:00', en: 'Daily 6:00–22:00' },
    where: { zh: '一层大厅中央', en: 'Ground floor, middle of the hall' },
    glyph: `<path d="M96 40c-24 34-38 54-38 74a38 38 0 0076 0c0-20-14-40-38-74z" ${W}/>`,
    color: '#1f9bb4',
  },
  {
    id: 'first-aid',
    name: { zh: '急救箱', en: 'First-aid kit' },
    text: { zh: '备有常用药品和自动体外除颤器（AED），请找工作人员。', en: 'Common medicines and a defibrillator (AED); ask the staff.' },
    hours: { zh: '全天', en: 'Round the clock' },
    where: { zh: '服务台', en: 'At the service desk' },
    glyph: `<rect x="42" y="58" width="108" height="84" rx="12" ${W}/><path d="M96 78v44M74 100h44" ${W}/>`,
    color: '#c8392f',
  },
  {
    id: 'seats',
    name: { zh: '休息座椅', en: 'Seats' },
    text: { zh: '带扶手的座椅，可歇脚、等人。', en: 'Seats with armrests, to rest or wait for someone.' },
    hours: { zh: '开馆时间内', en: 'While the station is open' },
    where: { zh: '一层大厅和二层阅读角', en: 'Ground-floor hall and the reading corner' },
    glyph: `<path d="M58 46v62h76M58 108v42M134 108v42M58 88h76" ${W}/>`,
    color: '#5a7d3a',
  },
  {
    id: 'phone-charging',
    name: { zh: '手机充电', en: 'Phone charging' },
    text: { zh: '多种接口的充电线，免费使用。', en: 'Free chargers with the common plugs.' },
    hours: { zh: '每天 9:00–21:00', en: 'Daily 9:00–21:00' },
    where: { zh: '服务台旁的充电柜', en: 'Charging locker next to the desk' },
    glyph: `<rect x="64" y="36" width="64" height="120" rx="12" ${W}/><path d="M100 66l-16 26h24l-16 26" ${W}/>`,
    color: '#d08a1c',
  },
];

interface CirclePointText {
  id: string;
  name: Bilingual;
  text: Bilingual;
  walkMinutes: number;
}

export const CIRCLE: CirclePointText[] = [
  {
    id: 'bus-stop',
    name: { zh: '公交车站', en: 'Bus stop' },
    text: { zh: '多条公交线路（示例）', en: 'Several bus lines (demo)' },
    walkMinutes: 3,
  },
  {
    id: 'community-canteen',
    name: { zh: '社区长者食堂', en: 'Community canteen for elders' },
    text: { zh: '午餐、晚餐（示例）', en: 'Lunch and supper (demo)' },
    walkMinutes: 6,
  },
  {
    id: 'health-station',
    name: { zh: '社区卫生服务站', en: 'Community health station' },
    text: { zh: '量血压、配常用药（示例）', en: 'Blood pressure checks, common medicines (demo)' },
    walkMinutes: 8,
  },
  { id: 'metro', name: { zh: '地铁站', en: 'Metro station' }, text: { zh: '示例地点', en: 'A demo place' }, walkMinutes: 12 },
  {
    id: 'neighbourhood-centre',
    name: { zh: '社区党群服务中心', en: 'Neighbourhood service centre' },
    text: { zh: '办事咨询、活动室（示例）', en: 'Help with paperwork, activity rooms (demo)' },
    walkMinutes: 14,
  },
];

/** A 192x192 icon: the glyph on a rounded tile of the service's colour. */
export function iconSvg(s: Pick<ServiceText, 'glyph' | 'color'>): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192"><rect width="192" height="192" rx="36" fill="${s.color}"/>${s.glyph}</svg>`;
}

export interface ServicesPart {
  section: Record<string, unknown>;
  paths: string[];
}

/** Plans the section; `png(path, svg, colors)` queues an icon for rendering and answers its pack path. */
export function planServices(png: (path: string, svg: string, colors?: number) => string): ServicesPart {
  const t = (b: Bilingual): { 'zh-CN': string; en: string } => ({ 'zh-CN': b.zh, en: b.en });
  const items = SERVICES.map((s) => ({
    id: s.id,
    icon: png(`services/${s.id}.png`, iconSvg(s), 16),
    name: t(s.name),
    text: t(s.text),
    hours: t(s.hours),
    where: t(s.where),
  }));
  const wording = Object.fromEntries(Object.entries(SERVICES_WORDING).map(([k, b]) => [k, t(b)]));
  const circle = CIRCLE.map((p) => ({ id: p.id, name: t(p.name), text: t(p.text), walkMinutes: p.walkMinutes }));
  return { section: { wording, items, circle }, paths: items.map((i) => i.icon) };
}
