/**
 * The demo pack's postcard scenes: riverside pictures a visitor may choose instead of a photo,
 * drawn with the same kit as the stories' illustrations (../svg/scenes.ts), cropped to the card's
 * 148:100 shape and rendered at 1748 x 1181 px. Each carries the kit's "示例插图 · DEMO" mark.
 */
import { page } from '../svg/kit';
import { SCENES } from '../svg/scenes';
import { CARD_W } from './frames';

export interface DemoScene {
  id: string;
  /** The drawing in ../svg/scenes.ts. */
  drawing: string;
  name: { zh: string; en: string };
}

export const POSTCARD_SCENES: DemoScene[] = [
  { id: 'promenade-day', drawing: 'wharf-4', name: { zh: '滨江步道', en: 'Riverside promenade' } },
  { id: 'cranes-dusk', drawing: 'walk-cover', name: { zh: '塔吊夕照', en: 'Cranes at dusk' } },
  { id: 'waterworks', drawing: 'waterworks-cover', name: { zh: '水厂城堡', en: 'The waterworks castle' } },
  { id: 'power-plant', drawing: 'power-cover', name: { zh: '电厂烟囱', en: 'The power plant chimney' } },
  { id: 'river-dawn', drawing: 'wharf-3', name: { zh: '江上晨光', en: 'Dawn on the river' } },
];

/** The scene as an SVG document of the card's size: the 1600 x 1000 drawing cropped to 1480 x 1000. */
export function sceneSvg(s: DemoScene): string {
  const draw = SCENES[s.drawing];
  if (!draw) throw new Error(`demo-pack: no drawing "${s.drawing}" in svg/scenes.ts`);
  return page(draw(), { viewW: 1480, viewH: 1000, outW: CARD_W });
}
