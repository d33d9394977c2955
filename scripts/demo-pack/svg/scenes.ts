/**
 * One composed picture per story page (and per cover): each scene id maps to a function that
 * returns the SVG body in the 1600 x 1000 drawing space of kit.ts.
 */
import { C, H, W, birds, bench, bollard, cloud, crowd, farShore, lamp, person, rect, river, sky, sun, tree, type Mood } from './kit';
import {
  basins,
  coalBarge,
  crane,
  mill,
  pier,
  powerPlant,
  promenade,
  standpipe,
  steamship,
  warehouse,
  waterworksCastle,
} from './landmarks';

function shore(y: number, fill: string = C.sand): string {
  return rect(0, y, W, H - y, fill);
}

function trees(xs: number[], y: number, s: number, tone: 'green' | 'autumn' = 'green'): string {
  return xs.map((x) => tree(x, y, s, tone)).join('');
}

/** The old wharf with a docked steamship and people on the quay. */
function wharfScene(mood: Mood): string {
  return (
    sky(mood) +
    sun(1250, 220, 70, mood) +
    cloud(300, 180, 1.2) +
    cloud(900, 120, 0.8) +
    birds(600, 200, 5, 1) +
    river(520, mood) +
    farShore(520, 'old', mood) +
    steamship(420, 720, 1.5, true) +
    pier(0, 730, W) +
    shore(764, C.sand) +
    crowd(120, 900, 1200, 13, 21, { suitcase: true })
  );
}

export const SCENES: Record<string, () => string> = {
  'wharf-cover': () => wharfScene('dusk'),
  'wharf-1': () => wharfScene('day'),
  'wharf-2': () =>
    sky('dawn') +
    sun(300, 260, 60, 'dawn') +
    river(460, 'dawn') +
    farShore(460, 'old', 'dawn') +
    steamship(600, 690, 1.8, true) +
    pier(0, 700, W) +
    shore(734) +
    crowd(80, 960, 1200, 8, 5, { suitcase: true, wave: true }) +
    person(1300, 960, 1.4, { color: C.red, wave: true }),
  'wharf-3': () =>
    sky('dawn') +
    sun(1200, 430, 90, 'dawn') +
    cloud(200, 200, 1.4) +
    cloud(1300, 160, 1) +
    birds(300, 300, 7, 2) +
    river(470, 'dawn', 9) +
    steamship(380, 700, 1.3, true),
  'wharf-4': () =>
    sky('day') +
    sun(1350, 180, 60, 'day') +
    cloud(500, 150, 1) +
    birds(900, 160, 4, 3) +
    river(430, 'day') +
    farShore(430, 'modern', 'day') +
    promenade(700, W) +
    shore(752, '#d9c092') +
    trees([120, 1480], 752, 1.6) +
    bollard(420, 752, 1.3) +
    bollard(1100, 752, 1.3) +
    person(600, 930, 1.5, { color: C.red }) +
    person(700, 930, 1.1, { color: C.ochre, child: true }) +
    person(900, 940, 1.5, { color: C.teal, hat: true }) +
    bench(1150, 950) +
    lamp(320, 960, false),

  'waterworks-cover': () =>
    sky('dusk') +
    sun(1300, 300, 60, 'dusk') +
    river(760, 'dusk') +
    shore(700, C.greenLight) +
    waterworksCastle(520, 760, 1.2, true) +
    trees([200, 1360], 760, 1.4, 'autumn'),
  'waterworks-1': () =>
    sky('day') +
    cloud(250, 170, 1.2) +
    cloud(1150, 130, 0.9) +
    birds(800, 140, 5, 4) +
    shore(640, C.greenLight) +
    waterworksCastle(480, 800, 1.3) +
    rect(0, 800, W, 30, C.greyLight) +
    river(830, 'day') +
    trees([180, 1420], 800, 1.5),
  'waterworks-2': () =>
    sky('dawn') +
    sun(1400, 240, 60, 'dawn') +
    shore(600, C.greenLight) +
    waterworksCastle(420, 880, 1.5) +
    rect(0, 880, W, H - 880, C.greyLight) +
    crowd(80, 970, 260, 3, 8, { hat: true }),
  'waterworks-3': () =>
    sky('day') +
    cloud(900, 130, 1) +
    shore(360, C.greenLight) +
    basins(80, 420, 6) +
    rect(0, 620, W, 24, C.teal) +
    rect(0, 650, W, H - 650, C.sand) +
    standpipe(700, 940) +
    person(600, 950, 1.3, { color: C.teal, bucket: true }) +
    person(860, 950, 1.3, { color: C.red, bucket: true }) +
    person(980, 950, 0.9, { color: C.ochre, child: true }) +
    trees([220, 1400], 940, 1.3),
  'waterworks-4': () =>
    sky('dusk') +
    sun(300, 330, 70, 'dusk') +
    birds(500, 250, 5, 6) +
    shore(560, C.green) +
    waterworksCastle(560, 640, 0.9) +
    trees([300, 460, 1240, 1400], 640, 0.9, 'autumn') +
    river(640, 'dusk') +
    steamship(900, 900, 0.6, false),

  'power-cover': () =>
    sky('dusk') + sun(300, 360, 60, 'dusk') + shore(620, C.sand) + powerPlant(500, 760, 1, { smoke: true }) + river(760, 'dusk'),
  'power-1': () =>
    sky('day') +
    cloud(200, 180, 1) +
    shore(600, C.sand) +
    powerPlant(420, 800, 0.95, { smoke: true }) +
    rect(0, 800, W, 20, C.greyLight) +
    river(820, 'day') +
    crowd(120, 790, 250, 3, 12, { hat: true }),
  'power-2': () =>
    sky('day') +
    shore(520, C.sand) +
    powerPlant(80, 640, 0.75, { smoke: true }) +
    crane(1100, 640, 0.9) +
    crane(1350, 640, 0.8, C.ochre) +
    rect(0, 640, W, 20, C.greyLight) +
    river(660, 'day') +
    coalBarge(700, 800, 1.3) +
    coalBarge(150, 900, 1) +
    crowd(1000, 640, 500, 5, 13, { hat: true }),
  'power-3': () =>
    sky('night') +
    sun(1350, 160, 60, 'night') +
    farShore(560, 'old', 'night') +
    shore(560, '#2f3a55') +
    powerPlant(200, 700, 0.8, { lit: true, smoke: true }) +
    rect(900, 560, 700, 140, '#3d4a6b') +
    [950, 1100, 1250, 1400].map((x) => rect(x, 600, 70, 50, C.lamp)).join('') +
    river(700, 'night') +
    promenade(900, W, true) +
    lamp(1000, 900, true) +
    lamp(1400, 900, true),
  'power-4': () =>
    sky('day') +
    cloud(1100, 160, 1.2) +
    birds(300, 120, 4, 14) +
    shore(560, C.greenLight) +
    powerPlant(200, 760, 1.05, { chimneyOnly: true }) +
    trees([160, 420, 900, 1180, 1460], 760, 1.1) +
    promenade(760, W) +
    shore(812, '#d9c092') +
    person(500, 960, 1.4, { color: C.red }) +
    person(580, 960, 0.9, { color: C.ochre, child: true }) +
    person(1000, 960, 1.4, { color: C.teal }) +
    bench(1200, 960),

  'walk-cover': () =>
    sky('dusk') +
    sun(1200, 360, 70, 'dusk') +
    river(560, 'dusk') +
    farShore(560, 'modern', 'dusk') +
    promenade(760, W, true) +
    shore(812, '#d9c092') +
    crane(1000, 760, 1) +
    trees([200, 520], 812, 1.3, 'autumn') +
    crowd(300, 960, 900, 7, 31, { child: true }),
  'walk-1': () =>
    sky('day') +
    cloud(400, 150, 1) +
    birds(1000, 150, 4, 19) +
    mill(60, 680, 600, 200) +
    warehouse(760, 680, 380, 160) +
    crane(1320, 680, 0.9) +
    [...Array(32).keys()].map((i) => rect(20 + i * 50, 560, 12, 160, C.ink)).join('') +
    rect(0, 580, W, 8, C.ink) +
    rect(0, 680, W, 40, C.greyLight) +
    river(720, 'day'),
  'walk-2': () =>
    sky('day') +
    cloud(1200, 160, 1) +
    river(560, 'day') +
    farShore(560, 'modern', 'day') +
    promenade(760, 900) +
    rect(900, 760, 700, 52, C.greyLight) +
    shore(812, C.sand) +
    crane(1300, 760, 0.8, C.ochre) +
    crowd(860, 960, 600, 5, 17, { hat: true }) +
    tree(200, 960, 0.8),
  'walk-3': () =>
    sky('day') +
    sun(300, 200, 60, 'day') +
    birds(900, 180, 5, 18) +
    river(520, 'day') +
    farShore(520, 'modern', 'day') +
    promenade(720, W) +
    crane(1150, 720, 1.1) +
    shore(772, '#d9c092') +
    rect(0, 820, W, 10, C.ink) +
    rect(0, 860, W, 10, C.ink) +
    bollard(300, 772) +
    bollard(800, 772) +
    trees([120, 1500], 772, 1.3) +
    person(500, 970, 1.3, { color: C.red }) +
    person(700, 980, 1.3, { color: C.teal }) +
    person(760, 985, 0.9, { color: C.ochre, child: true }),
  'walk-4': () =>
    sky('night') +
    sun(300, 180, 50, 'night') +
    river(520, 'night') +
    farShore(520, 'modern', 'night') +
    promenade(720, W, true) +
    shore(772, '#6d6a5e') +
    lamp(250, 960, true) +
    lamp(850, 960, true) +
    lamp(1450, 960, true) +
    bench(420, 960) +
    person(470, 930, 1.1, { color: C.red }) +
    person(1050, 970, 1.3, { color: C.teal }) +
    person(1120, 975, 0.9, { color: C.ochre, child: true }),

  attract: () =>
    sky('dusk') +
    sun(800, 380, 80, 'dusk') +
    birds(600, 200, 6, 40) +
    river(600, 'dusk') +
    farShore(600, 'modern', 'dusk') +
    shore(720, C.sand) +
    waterworksCastle(80, 800, 0.7) +
    powerPlant(560, 800, 0.7, { chimneyOnly: true }) +
    crane(1100, 800, 0.8) +
    steamship(1280, 640, 0.45, false) +
    promenade(800, W, true) +
    shore(852, '#d9c092') +
    trees([900, 1500], 852, 1) +
    crowd(300, 980, 1000, 8, 41, { child: true }),
};
