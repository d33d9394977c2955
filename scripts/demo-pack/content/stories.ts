/**
 * The demo stories, written for this project as DEMO TEXT (not an authoritative history): short
 * sentences for elderly visitors and children, Chinese first. Claims are kept general and hedged;
 * a real pack from the exhibit designers replaces all of this. One sentence = one subtitle cue,
 * so paragraphs are split at sentence ends (。！？ / . ! ?).
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export interface DemoPage {
  /** Scene id in svg/scenes.ts. */
  scene: string;
  text: Bilingual;
}

export interface DemoStory {
  id: string;
  title: Bilingual;
  era: Bilingual;
  year: number;
  coverScene: string;
  pages: DemoPage[];
}

export const STORIES: DemoStory[] = [
  {
    id: 'qinhuangdao-wharf',
    title: { zh: '秦皇岛路码头：远行的青年', en: 'Qinhuangdao Road Wharf: Young People Setting Out' },
    era: { zh: '1919—1920年前后', en: 'around 1919–1920' },
    year: 1920,
    coverScene: 'wharf-cover',
    pages: [
      {
        scene: 'wharf-1',
        text: {
          zh: '这里是秦皇岛路码头。一百多年前，黄浦江上轮船来来往往。码头上人很多，十分热闹。',
          en: 'This is the Qinhuangdao Road wharf. Over a hundred years ago, steamships came and went on the Huangpu River. The wharf was busy and full of people.',
        },
      },
      {
        scene: 'wharf-2',
        text: {
          zh: '1919年到1920年前后，许多青年从上海坐船去法国。他们想一边做工，一边读书，这叫“勤工俭学”。人们常说，其中一些人就是从这一带的码头出发的。',
          en: 'Around 1919 and 1920, many young people sailed from Shanghai to France. They planned to work and study at the same time. It is often said that some of them set off from the wharves around here.',
        },
      },
      {
        scene: 'wharf-3',
        text: {
          zh: '去法国的路很远，轮船要走一个多月。青年们带着简单的行李。他们也带着让国家变强的愿望。',
          en: 'The voyage to France was long. It took more than a month by ship. The young people carried little luggage. They also carried a wish to make their country strong.',
        },
      },
      {
        scene: 'wharf-4',
        text: {
          zh: '在法国，他们学到了新知识，也接触到新思想。后来，其中不少人走上了革命的道路。今天，老码头成了滨江的一部分。我们在这里回望那段历史。',
          en: 'In France they learned new skills and met new ideas. Later, many of them joined the revolution. Today the old wharf is part of the riverside. Here we look back on that time.',
        },
      },
    ],
  },
  {
    id: 'yangshupu-waterworks',
    title: { zh: '杨树浦水厂：江边的“城堡”', en: 'Yangshupu Waterworks: A Castle by the River' },
    era: { zh: '1883年', en: '1883' },
    year: 1883,
    coverScene: 'waterworks-cover',
    pages: [
      {
        scene: 'waterworks-1',
        text: {
          zh: '杨树浦路边，有一座像城堡一样的建筑。它有红砖墙，还有高高的塔楼。这就是杨树浦水厂。',
          en: 'On Yangshupu Road stands a building that looks like a castle. It has red brick walls and tall towers. This is the Yangshupu Waterworks.',
        },
      },
      {
        scene: 'waterworks-2',
        text: {
          zh: '水厂在1883年开始供水，当时由英国商人开办。人们常称它为中国第一座现代化水厂。',
          en: 'The waterworks began supplying water in 1883. A British company ran it at that time. It is often called the first modern waterworks in China.',
        },
      },
      {
        scene: 'waterworks-3',
        text: {
          zh: '江水在这里沉淀、过滤，变得干净。干净的水再通过水管送进城市。渐渐地，越来越多的上海人用上了自来水。',
          en: 'Here, river water was settled and filtered until it was clean. Then pipes carried it into the city. Little by little, more and more people in Shanghai had tap water.',
        },
      },
      {
        scene: 'waterworks-4',
        text: {
          zh: '一百多年过去了，这座水厂仍在供水。老建筑得到了保护。它成了滨江一道美丽的风景。',
          en: 'More than a hundred years later, the waterworks still supplies water. Its old buildings are protected. They have become a beautiful sight on the riverside.',
        },
      },
    ],
  },
  {
    id: 'yangshupu-power-plant',
    title: { zh: '杨树浦发电厂：高高的烟囱', en: 'Yangshupu Power Plant: The Tall Chimney' },
    era: { zh: '1913—2010年', en: '1913–2010' },
    year: 1913,
    coverScene: 'power-cover',
    pages: [
      {
        scene: 'power-1',
        text: {
          zh: '1913年，杨树浦发电厂开始发电。它的烟囱有一百多米高。这座电厂曾是远东规模很大的电厂之一。',
          en: 'In 1913, the Yangshupu Power Plant began to make electricity. Its chimney is more than a hundred metres tall. It was once one of the largest power plants in the Far East.',
        },
      },
      {
        scene: 'power-2',
        text: {
          zh: '运煤的船停靠在江边。煤在锅炉里燃烧，带动机器发电。工人们日夜都在忙碌。',
          en: 'Boats brought coal to the riverside. The coal burned in boilers to drive the generators. Workers were busy day and night.',
        },
      },
      {
        scene: 'power-3',
        text: {
          zh: '电从这里送到工厂、街道和千家万户。上海的夜晚，一点一点亮了起来。',
          en: 'Electricity went from here to factories, streets and homes. Little by little, the nights of Shanghai grew bright.',
        },
      },
      {
        scene: 'power-4',
        text: {
          zh: '2010年，电厂停止了发电。高高的烟囱被保留了下来。今天，它是滨江公园里的地标。',
          en: 'In 2010, the plant stopped making electricity. Its tall chimney was kept. Today it is a landmark in a riverside park.',
        },
      },
    ],
  },
  {
    id: 'peoples-riverside',
    title: { zh: '从工业岸线到人民滨江', en: "From Industrial Shore to People's Riverside" },
    era: { zh: '2016—2019年', en: '2016–2019' },
    year: 2019,
    coverScene: 'walk-cover',
    pages: [
      {
        scene: 'walk-1',
        text: {
          zh: '过去，杨浦江边是一片工业区。纱厂、码头和仓库一家挨着一家。高高的围墙，挡住了江景。',
          en: 'The Yangpu riverside was once an industrial area. Mills, docks and warehouses stood side by side. High walls kept people away from the river.',
        },
      },
      {
        scene: 'walk-2',
        text: {
          zh: '后来，老工厂陆续搬走了。城市决定把江岸还给市民。从2016年起，约2.8公里的滨江公共空间分段建成开放。',
          en: 'Later, the old factories moved away. The city decided to give the shore back to the people. From 2016, about 2.8 kilometres of riverside public space opened in stages.',
        },
      },
      {
        scene: 'walk-3',
        text: {
          zh: '老码头的吊车、铁轨和系缆桩被留了下来。它们成了步道上的风景。它们也在讲述过去的故事。',
          en: 'Old cranes, rails and mooring posts were kept. Now they are part of the walk. They tell stories of the past.',
        },
      },
      {
        scene: 'walk-4',
        text: {
          zh: '2019年，这里的人们谈起“人民城市”的理念：城市由人民建设，也为人民服务。今天，老人和孩子都来这里散步、跑步、看江景。',
          en: 'In 2019, people here spoke of the idea of a "People\'s City": a city built by the people, and for the people. Today, young and old come here to walk, run and enjoy the river.',
        },
      },
    ],
  },
];
