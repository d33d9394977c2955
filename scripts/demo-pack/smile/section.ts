/**
 * The demo pack's `smile` section (format: common/pack/smileSection.ts): the big screen's wording
 * and, when the walk-through videos were rendered (demoVideos.ts in this folder), the two demo
 * videos the operator can choose instead of a camera. DEMO TEXT written for this project; the
 * 21 % / 86.7 % in the subtitle are the station's own published figures.
 */
import type { Bilingual } from '../content/stories';

export const SMILE_WORDING: Record<string, Bilingual> = {
  title: { zh: '微笑滨江', en: 'Riverside Smiles' },
  subtitle: {
    zh: '进站时微笑的人多，还是离开时微笑的人多？（示例文本）',
    en: 'Do more people smile coming in, or going out? (demo text)',
  },
  entryLabel: { zh: '进站微笑率', en: 'Smiling on the way in' },
  exitLabel: { zh: '离站微笑率', en: 'Smiling on the way out' },
  liftCaption: { zh: '离站比进站多微笑的百分点', en: 'More smiles going out than coming in, in points' },
  visitorsCaption: { zh: '今日经过的人数', en: 'People passing today' },
  hourlyTitle: { zh: '今天每小时', en: 'Today, hour by hour' },
  weekTitle: { zh: '最近七天', en: 'The last seven days' },
  privacyNotice: {
    zh: '入口和出口的摄像头只统计经过的人数和其中微笑的人数，按小时合计。画面只在本机内存中即时分析，不保存、不上传任何图像或人脸。',
    en: "The cameras at the entrance and exit only count how many people pass and how many of them smile, totalled by the hour. Pictures are analysed in this computer's memory as they arrive; no image or face is ever stored or sent.",
  },
  offNotice: {
    zh: '微笑统计暂时关闭，摄像头没有工作。',
    en: 'The smile meter is switched off for now; the cameras are not in use.',
  },
};

export interface SmilePart {
  section: Record<string, unknown>;
  paths: string[];
}

/**
 * The demo pack is what `npm start` shows on a PC without a camera: its two walk-through videos
 * hold 12 visitors each, so a minimum of 10 lets the big screen show shares after the first pass
 * of the videos instead of the second (several minutes on a busy PC). A station's pack keeps the
 * default of 20 (common/smileShare.ts), below which a share says little.
 */
export const DEMO_MIN_VISITORS = 10;

/** The section, with the demo videos' pack paths when they were rendered (null: none). */
export function planSmile(videos: { entry: string; exit: string } | null): SmilePart {
  const wording = Object.fromEntries(Object.entries(SMILE_WORDING).map(([k, b]) => [k, { 'zh-CN': b.zh, en: b.en }]));
  return videos
    ? {
        section: { wording, minVisitors: DEMO_MIN_VISITORS, demoVideos: { entry: videos.entry, exit: videos.exit } },
        paths: [videos.entry, videos.exit],
      }
    : { section: { wording, minVisitors: DEMO_MIN_VISITORS }, paths: [] };
}
