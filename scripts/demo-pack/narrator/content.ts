/**
 * The demo narrator's clips: DEMO TEXT written for this project (not the station's), spoken by espeak-ng like the
 * rest of the demo pack. One attract clip (looped while nobody is there) and two clips for a visitor. Each clip's
 * `gesture` picks how the figure moves while it speaks (figureSvg.ts).
 */
import type { Bilingual } from '../content/stories';
import type { Gesture } from './figureSvg';

export interface NarratorClipText {
  id: string;
  attract: boolean;
  gesture: Gesture;
  text: Bilingual;
}

export const NARRATOR_TITLE: Bilingual = { zh: '全息讲解员（示例）', en: 'Holographic narrator (demo)' };

export const NARRATOR_CLIPS: NarratorClipText[] = [
  {
    id: 'welcome',
    attract: true,
    gesture: 'wave',
    text: { zh: '你好！请走近一点，我来给你讲讲滨江。', en: 'Hello! Come a little closer and I will tell you about the riverside.' },
  },
  {
    id: 'river',
    attract: false,
    gesture: 'point',
    text: {
      zh: '欢迎来到滨江站。这里曾经是繁忙的工业岸线，码头和工厂一座连着一座。（示例文本）',
      en: 'Welcome to Riverside Station. This was once a busy industrial shore, with wharves and factories side by side. (Demo text.)',
    },
  },
  {
    id: 'wharf',
    attract: false,
    gesture: 'open',
    text: {
      zh: '今天，老码头变成了步道和公园。沿着江边走一走，看看百年前的吊车。（示例文本）',
      en: 'Today the old wharves are walkways and parks. Take a stroll along the river and see the cranes of a century ago. (Demo text.)',
    },
  },
];
