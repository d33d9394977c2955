/**
 * The demo pack's `groups` section (format: common/pack/groupsSection.ts): one lesson plan of seven steps on
 * the Qinhuangdao Road wharf around 1919-1920, pointing at the demo pack's own story pages, panorama node and
 * building, a postcard scene and the smile meter's big screen; and the organisation types a guide logs a
 * group with. DEMO TEXT written for this project; a station's pack brings its own lessons.
 */
import type { Bilingual } from '../content/stories';

type Target =
  | { kind: 'story'; story: string; page: number }
  | { kind: 'panorama'; node: string; building?: string }
  | { kind: 'postcard'; scene: string }
  | { kind: 'smile' };
interface StepText {
  title: Bilingual;
  notes: Bilingual;
  minutes: number;
  target: Target;
}

const WHARF = 'qinhuangdao-wharf';

export const WHARF_LESSON_STEPS: StepText[] = [
  {
    title: { zh: '码头上的人群', en: 'Crowds on the wharf' },
    notes: {
      zh: '请大家看画面：一百多年前的秦皇岛路码头。提问：如果你站在这里，会看到什么、听到什么？（示例文本）',
      en: 'Ask the group to look at the wharf over a century ago. Ask: standing here, what would you see and hear? (demo text)',
    },
    minutes: 5,
    target: { kind: 'story', story: WHARF, page: 1 },
  },
  {
    title: { zh: '从这里出发', en: 'Setting out from here' },
    notes: {
      zh: '讲述1919至1920年间青年从这里乘船远行求学的经过，停顿让大家读完字幕。（示例文本）',
      en: 'Tell how young people set out by ship from here in 1919-1920 to study abroad; pause so everyone can read. (demo text)',
    },
    minutes: 6,
    target: { kind: 'story', story: WHARF, page: 2 },
  },
  {
    title: { zh: '走进老仓库', en: 'Into the old warehouse' },
    notes: {
      zh: '转到全景：在码头节点打开老仓库的今昔对比，请大家找出变化最大的地方。（示例文本）',
      en: "Switch to the panorama: open the old warehouse's then and now at the wharf, and ask what changed most. (demo text)",
    },
    minutes: 6,
    target: { kind: 'panorama', node: WHARF, building: 'wharf-warehouse' },
  },
  {
    title: { zh: '远行的理想', en: 'What they set out for' },
    notes: {
      zh: '回到故事第三页，讨论：他们为什么出发？请一两位参加者谈谈感想。（示例文本）',
      en: "Back to the story's third page. Discuss why they set out; invite one or two people to share. (demo text)",
    },
    minutes: 8,
    target: { kind: 'story', story: WHARF, page: 3 },
  },
  {
    title: { zh: '一百年后的码头', en: 'The wharf a century on' },
    notes: {
      zh: '故事最后一页：从工业岸线到人民滨江。请大家对比第一页的画面。（示例文本）',
      en: "The story's last page: from industrial shore to people's riverside. Compare it with the first page. (demo text)",
    },
    minutes: 5,
    target: { kind: 'story', story: WHARF, page: 4 },
  },
  {
    title: { zh: '留下一张明信片', en: 'A postcard to remember' },
    notes: {
      zh: '介绍留影滨江：参加者课后可以用这个场景制作明信片，扫码带走。（示例文本）',
      en: 'Introduce the postcards: after the lesson people can make one with this scene and take it away by QR code. (demo text)',
    },
    minutes: 3,
    target: { kind: 'postcard', scene: 'promenade-day' },
  },
  {
    title: { zh: '微笑离开', en: 'Leaving with a smile' },
    notes: {
      zh: '结束语：请大家看微笑大屏，离开时出口摄像头只计人数和微笑，不保存图像。（示例文本）',
      en: 'Closing: show the smile screen; the exit camera only counts people and smiles, no image is kept. (demo text)',
    },
    minutes: 2,
    target: { kind: 'smile' },
  },
];

export const ORGANISATION_TYPES: { id: string; label: Bilingual }[] = [
  { id: 'party-branch', label: { zh: '党支部', en: 'Party branch' } },
  { id: 'government', label: { zh: '机关事业单位', en: 'Government or public body' } },
  { id: 'company', label: { zh: '企业', en: 'Company' } },
  { id: 'school', label: { zh: '学校', en: 'School' } },
  { id: 'community', label: { zh: '社区', en: 'Neighbourhood' } },
  { id: 'other', label: { zh: '其他', en: 'Other' } },
];

/** The section, in the manifest's format. */
export function planGroups(): Record<string, unknown> {
  const t = (b: Bilingual): { 'zh-CN': string; en: string } => ({ 'zh-CN': b.zh, en: b.en });
  return {
    lessons: [
      {
        id: 'wharf-1919',
        title: t({
          zh: '情景党课：从秦皇岛路码头出发（1919—1920）',
          en: 'Guided lesson: setting out from the Qinhuangdao Road wharf (1919-1920)',
        }),
        summary: t({ zh: '七个环节，约35分钟。（示例文本）', en: 'Seven steps, about 35 minutes. (demo text)' }),
        steps: WHARF_LESSON_STEPS.map((s) => ({ title: t(s.title), notes: t(s.notes), minutes: s.minutes, target: s.target })),
      },
    ],
    organisationTypes: ORGANISATION_TYPES.map((o) => ({ id: o.id, label: t(o.label) })),
  };
}
