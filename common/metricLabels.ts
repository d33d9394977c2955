import type { MetricName } from './metrics';
import type { Language } from './settings';

/**
 * What each usage metric is called on the operator's dashboard, in the CSV's companion PDF report and anywhere
 * else a person reads it: one table for the renderer's messages (src/i18n, `metrics.*`) and the Node-side PDF
 * report, so the two never drift apart. Typed by MetricName: a new metric does not compile without its labels.
 */
export const METRIC_LABELS: Record<MetricName, Record<Language, string>> = {
  'session.started': { 'zh-CN': '访客开始浏览', en: 'Visits started' },
  'session.idle_reset': { 'zh-CN': '闲置后返回首页', en: 'Idle returns to start' },
  'language.switched': { 'zh-CN': '切换语言', en: 'Language switches' },
  'exhibit.history.opened': { 'zh-CN': '打开“回首滨江”', en: 'Looking Back opened' },
  'exhibit.panorama.opened': { 'zh-CN': '打开“解读滨江”（全景）', en: 'Panorama opened' },
  'exhibit.postcard.opened': { 'zh-CN': '打开“留影滨江”', en: 'Postcards opened' },
  'exhibit.narrator.opened': { 'zh-CN': '打开“全息讲解员”', en: 'Narrator opened' },
  'exhibit.smile.opened': { 'zh-CN': '打开“微笑滨江”', en: 'Smile Meter opened' },
  'history.story_opened': { 'zh-CN': '打开故事', en: 'Stories opened' },
  'history.page_viewed': { 'zh-CN': '故事翻页', en: 'Story pages viewed' },
  'history.narration_started': { 'zh-CN': '开始播放解说', en: 'Narrations started' },
  'history.narration_completed': { 'zh-CN': '完整听完解说', en: 'Narrations completed' },
  'history.hotspot_touched': { 'zh-CN': '触摸透明屏热点', en: 'Panel hotspots touched' },
  'panorama.session_started': { 'zh-CN': '全景使用次数', en: 'Panorama sessions' },
  'panorama.metres_travelled': { 'zh-CN': '全景中行进的米数', en: 'Metres travelled in the panorama' },
  'panorama.building_opened': { 'zh-CN': '全景中打开的建筑', en: 'Panorama buildings opened' },
  'smile.entry.visitors': { 'zh-CN': '进站人次', en: 'Visitors in' },
  'smile.entry.smiling': { 'zh-CN': '进站微笑人次', en: 'Smiling visitors in' },
  'smile.exit.visitors': { 'zh-CN': '出站人次', en: 'Visitors out' },
  'smile.exit.smiling': { 'zh-CN': '出站微笑人次', en: 'Smiling visitors out' },
  'postcard.made': { 'zh-CN': '制作明信片', en: 'Postcards made' },
  'postcard.printed': { 'zh-CN': '打印明信片', en: 'Postcards printed' },
  'postcard.picked_up': { 'zh-CN': '手机领取明信片', en: 'Postcards picked up' },
  'services.board_opened': { 'zh-CN': '打开便民服务', en: 'Services board opened' },
  'services.circle_opened': { 'zh-CN': '打开15分钟服务圈', en: 'Service circle opened' },
  'groups.visits': { 'zh-CN': '团队参观（批次）', en: 'Guided groups' },
  'groups.people': { 'zh-CN': '团队参观人数', en: 'People in guided groups' },
  'narrator.clip_started': { 'zh-CN': '讲解员开始讲解', en: 'Narrator clips started' },
  'narrator.clip_completed': { 'zh-CN': '讲解员讲解完整播完', en: 'Narrator clips completed' },
};

/** A metric's label, or its raw name when it is not (or no longer) a known metric (old rows in a report). */
export function metricLabel(name: string, lang: Language): string {
  return Object.hasOwn(METRIC_LABELS, name) ? METRIC_LABELS[name as MetricName][lang] : name;
}

/** The labels as vue-i18n's nested message tree (`metrics.smile.entry.visitors`), for src/i18n. */
export function metricMessageTree(lang: Language): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [name, labels] of Object.entries(METRIC_LABELS)) {
    const parts = name.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = labels[lang];
  }
  return tree;
}
