/**
 * Demo texts for the transparent-panel hotspots (one per landmark of the print, see
 * svg/panelPrint.ts) and for the attract screen. DEMO TEXT written for this project.
 */
import type { PanelSpotId } from '../svg/panelPrint';
import type { Bilingual } from './stories';

export interface HotspotText {
  label: Bilingual;
  narration: Bilingual;
}

export const HOTSPOT_TEXTS: Record<PanelSpotId, HotspotText> = {
  wharf: {
    label: { zh: '秦皇岛路码头', en: 'Qinhuangdao Road Wharf' },
    narration: {
      zh: '这里是秦皇岛路码头。1920年前后，许多青年从上海坐船去法国勤工俭学。人们常说，一些人就是从这一带出发的。',
      en: 'This is the Qinhuangdao Road wharf. Around 1920, many young people sailed from Shanghai to work and study in France. It is often said that some of them set off from around here.',
    },
  },
  waterworks: {
    label: { zh: '杨树浦水厂', en: 'Yangshupu Waterworks' },
    narration: {
      zh: '这座像城堡一样的建筑，是杨树浦水厂。它在1883年开始供水。人们常称它为中国第一座现代化水厂。',
      en: 'This castle-like building is the Yangshupu Waterworks. It began supplying water in 1883. It is often called the first modern waterworks in China.',
    },
  },
  chimney: {
    label: { zh: '电厂烟囱', en: 'The Power Plant Chimney' },
    narration: {
      zh: '这是杨树浦发电厂的烟囱。电厂从1913年开始发电，2010年停止。今天，烟囱是滨江的地标。',
      en: 'This is the chimney of the Yangshupu Power Plant. The plant made electricity from 1913 to 2010. Today the chimney is a riverside landmark.',
    },
  },
  cranes: {
    label: { zh: '老码头吊车', en: 'Old Dock Cranes' },
    narration: {
      zh: '这些吊车曾在码头上装卸货物。工厂搬走以后，它们被留了下来。现在，它们是步道上的风景。',
      en: 'These cranes once loaded and unloaded ships at the docks. When the factories moved away, the cranes were kept. Now they are part of the riverside walk.',
    },
  },
  walk: {
    label: { zh: '滨江步道', en: 'The Riverside Walk' },
    narration: {
      zh: '过去，这里有高高的围墙。现在，江岸向所有人开放。老人和孩子都可以在这里散步、看江景。',
      en: 'High walls once stood here. Now the riverside is open to everyone. Young and old can walk here and enjoy the river.',
    },
  },
};

export const ATTRACT_TAGLINE: Bilingual = {
  zh: '回首滨江 · 轻触屏幕，听百年江岸的故事',
  en: 'Look back along the river · Touch the screen to hear a century of riverside stories',
};

export const PACK_TITLE: Bilingual = { zh: '杨浦滨江示例内容包（演示文本）', en: 'Yangpu Riverside demo pack (demo text)' };

/** Appended to every story's era, the only per-story field a visitor sees on the card. */
export const DEMO_MARK: Bilingual = { zh: '示例文本', en: 'demo text' };
