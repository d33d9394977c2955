/**
 * The demo panorama's stylised 3D riverside, as plain data shared by the two sides that must agree:
 * the three.js page that renders the equirectangular pictures (page/renderPage.ts, in Chromium) and
 * the outline computation (outlines.ts, in Node). Not a survey: distances and places are made up
 * to look like the Yangpu riverside (demo content).
 *
 * Axes (three.js, metres): x east along the route (0 at the Qinhuangdao Road wharf), y up, z south
 * (the Huangpu lies south of the promenade, z > RIVER_EDGE_Z). Panorama convention (GUIDE.md): a
 * picture's centre column is yaw 0 = looking east (+x, the direction of travel), yaw +90 = south
 * (the river, to the right), pitch + up.
 */
import { seededRandom } from '../../../common/seededRandom';

export const ROUTE_LENGTH_M = 2800;
export const EYE_HEIGHT_M = 1.7;
export const PROMENADE_Z = 8;
export const RIVER_EDGE_Z = 16;
export const FAR_BANK_Z = 560;

export type Shape =
  | { kind: 'box'; x: number; z: number; w: number; d: number; h: number; y0?: number; color: string }
  | { kind: 'cylinder'; x: number; z: number; r: number; h: number; y0?: number; color: string }
  /** A pitched roof along x: a triangular prism of height `h` on top of y0. */
  | { kind: 'roof'; x: number; z: number; w: number; d: number; h: number; y0: number; color: string };

export interface Bilingual {
  zh: string;
  en: string;
}

export interface WorldNode {
  id: string;
  positionM: number;
  /** Initial view direction, yaw in degrees (0 east, 90 the river). */
  heading: number;
  label: Bilingual;
}

export interface WorldBuilding {
  id: string;
  name: Bilingual;
  built: number;
  other?: { year: number; label: Bilingual }[];
  text: Bilingual;
  shapes: Shape[];
}

/** Where a node stands in the world: on the promenade, at eye height. */
export function nodeEye(n: { positionM: number }): { x: number; y: number; z: number } {
  return { x: n.positionM, y: EYE_HEIGHT_M, z: PROMENADE_Z };
}

export const NODES: WorldNode[] = [
  { id: 'qinhuangdao-wharf', positionM: 0, heading: 20, label: { zh: '秦皇岛路码头', en: 'Qinhuangdao Road wharf' } },
  { id: 'wing-on', positionM: 340, heading: -40, label: { zh: '永安栈房', en: 'Wing On warehouse' } },
  { id: 'waterworks', positionM: 700, heading: -60, label: { zh: '杨树浦水厂', en: 'Yangshupu Waterworks' } },
  { id: 'wharf-cranes', positionM: 1020, heading: 60, label: { zh: '塔吊广场', en: 'Crane square' } },
  { id: 'yangpu-bridge', positionM: 1360, heading: 80, label: { zh: '杨浦大桥下', en: 'Under Yangpu Bridge' } },
  { id: 'sugar-warehouse', positionM: 1700, heading: -50, label: { zh: '明华糖仓', en: 'Minghua sugar warehouse' } },
  { id: 'coal-wharf', positionM: 2060, heading: 30, label: { zh: '煤码头', en: 'Coal wharf' } },
  { id: 'power-plant', positionM: 2400, heading: -30, label: { zh: '杨树浦电厂', en: 'Yangshupu Power Plant' } },
  { id: 'cotton-mill', positionM: 2780, heading: -100, label: { zh: '国棉十七厂', en: 'No. 17 Cotton Mill' } },
];

const BRICK = '#a6523a';
const CREAM = '#e6d3b0';
const GREY = '#9a9387';

/** Battlements along the top edges of a box: the waterworks' "castle" look. */
function battlements(x: number, z: number, w: number, d: number, y0: number, color: string): Shape[] {
  const out: Shape[] = [];
  for (let i = 0; i < Math.floor(w / 4); i += 2) {
    const cx = x - w / 2 + 2 + i * 4;
    out.push({ kind: 'box', x: cx, z: z + d / 2 - 0.5, w: 2, d: 1, h: 1.5, y0, color });
    out.push({ kind: 'box', x: cx, z: z - d / 2 + 0.5, w: 2, d: 1, h: 1.5, y0, color });
  }
  return out;
}

export const BUILDINGS: WorldBuilding[] = [
  {
    id: 'wharf-warehouse',
    name: { zh: '秦皇岛路码头仓库', en: 'Qinhuangdao Road wharf warehouse' },
    built: 1920,
    other: [{ year: 2019, label: { zh: '改建为滨江驿站', en: 'became the riverside service station' } }],
    text: {
      zh: '码头边的老仓库，曾堆满南来北往的货物，如今是滨江驿站。（示例文本）',
      en: 'The old warehouse by the wharf once held goods from all along the coast; today it is the riverside station. (demo text)',
    },
    shapes: [
      { kind: 'box', x: 110, z: -40, w: 90, d: 30, h: 12, color: BRICK },
      { kind: 'roof', x: 110, z: -40, w: 90, d: 30, h: 6, y0: 12, color: '#6f4a3a' },
    ],
  },
  {
    id: 'wing-on-warehouse',
    name: { zh: '永安栈房', en: 'Wing On warehouse' },
    built: 1922,
    other: [{ year: 2020, label: { zh: '改建为美术馆', en: 'turned into an art museum' } }],
    text: {
      zh: '永安公司的栈房，几层楼高的混凝土仓库，改造后成了美术馆。（示例文本）',
      en: "The Wing On company's warehouse, a concrete store several floors high, now an art museum. (demo text)",
    },
    shapes: [{ kind: 'box', x: 430, z: -45, w: 70, d: 40, h: 22, color: CREAM }],
  },
  {
    id: 'waterworks',
    name: { zh: '杨树浦水厂', en: 'Yangshupu Waterworks' },
    built: 1883,
    other: [{ year: 2013, label: { zh: '列为全国重点文物保护单位', en: 'listed as a national heritage site' } }],
    text: {
      zh: '英商建造的水厂，外形像一座城堡，至今仍在供水。（示例文本）',
      en: 'Built by a British company and shaped like a castle, it still supplies water today. (demo text)',
    },
    shapes: [
      { kind: 'box', x: 760, z: -42, w: 110, d: 34, h: 14, color: BRICK },
      ...battlements(760, -42, 110, 34, 14, BRICK),
      { kind: 'box', x: 710, z: -28, w: 10, d: 10, h: 24, color: CREAM },
      { kind: 'box', x: 810, z: -28, w: 10, d: 10, h: 24, color: CREAM },
    ],
  },
  {
    id: 'sugar-warehouse',
    name: { zh: '明华糖仓', en: 'Minghua sugar warehouse' },
    built: 1938,
    text: {
      zh: '存放食糖的仓库，厚墙小窗，如今是展览空间。（示例文本）',
      en: 'A sugar store with thick walls and small windows, now an exhibition space. (demo text)',
    },
    shapes: [
      { kind: 'box', x: 1760, z: -38, w: 60, d: 30, h: 16, color: '#c9b48e' },
      { kind: 'roof', x: 1760, z: -38, w: 60, d: 30, h: 5, y0: 16, color: GREY },
    ],
  },
  {
    id: 'power-plant',
    name: { zh: '杨树浦电厂', en: 'Yangshupu Power Plant' },
    built: 1913,
    other: [{ year: 2010, label: { zh: '停止发电', en: 'stopped generating' } }],
    text: {
      zh: '曾是远东最大的火力发电厂，105米高的烟囱成了滨江的地标。（示例文本）',
      en: "Once the largest coal power plant in the Far East; its 105 m chimney is the riverside's landmark. (demo text)",
    },
    shapes: [
      { kind: 'box', x: 2470, z: -55, w: 120, d: 50, h: 30, color: '#8e7f70' },
      { kind: 'cylinder', x: 2430, z: -20, r: 4, h: 105, color: '#c9c2b8' },
    ],
  },
  {
    id: 'cotton-mill',
    name: { zh: '国棉十七厂', en: 'No. 17 Cotton Mill' },
    built: 1921,
    other: [{ year: 2011, label: { zh: '改建为国际时尚中心', en: 'became a fashion centre' } }],
    text: {
      zh: '老纺织厂的锯齿形厂房，改造后成了时尚中心。（示例文本）',
      en: 'The old textile mill with its saw-tooth roofs, converted into a fashion centre. (demo text)',
    },
    shapes: [
      { kind: 'box', x: 2700, z: -50, w: 100, d: 40, h: 10, color: BRICK },
      ...[0, 1, 2, 3].map((i): Shape => ({ kind: 'roof', x: 2700, z: -65 + i * 10, w: 100, d: 10, h: 4, y0: 10, color: '#6f4a3a' })),
    ],
  },
];

/** Scenery that is not a selectable building: cranes, warehouses, trees, the bridge, the far bank. */
export function scenery(): Shape[] {
  const out: Shape[] = [];
  const rnd = seededRandom(42);
  // Gantry cranes on the quay edge: two legs, a beam and a jib out over the water.
  for (const x of [220, 980, 1060, 1540, 1980, 2140, 2560]) {
    const c = x % 3 === 0 ? '#c0392b' : '#d68a2e';
    out.push({ kind: 'box', x: x - 6, z: RIVER_EDGE_Z - 2, w: 1.2, d: 1.2, h: 22, color: c });
    out.push({ kind: 'box', x: x + 6, z: RIVER_EDGE_Z - 2, w: 1.2, d: 1.2, h: 22, color: c });
    out.push({ kind: 'box', x, z: RIVER_EDGE_Z - 2, w: 14, d: 2, h: 2, y0: 22, color: c });
    out.push({ kind: 'box', x, z: RIVER_EDGE_Z + 10, w: 1.5, d: 26, h: 1.5, y0: 24, color: c });
    out.push({ kind: 'box', x, z: RIVER_EDGE_Z - 2, w: 4, d: 4, h: 5, y0: 24, color: c });
  }
  // Plain warehouses and sheds between the named buildings.
  for (const [x, w, h] of [
    [250, 80, 9],
    [560, 60, 11],
    [950, 90, 8],
    [1180, 70, 12],
    [1560, 100, 9],
    [1950, 80, 10],
    [2160, 90, 8],
  ] as const) {
    out.push({ kind: 'box', x, z: -50, w, d: 35, h, color: rnd() < 0.5 ? '#b7a58a' : '#9c8b76' });
    out.push({ kind: 'roof', x, z: -50, w, d: 35, h: 4, y0: h, color: '#7d6e5f' });
  }
  // Plane trees along the inland edge of the promenade, with gaps in front of the buildings.
  for (let x = 10; x < ROUTE_LENGTH_M; x += 28) {
    if (BUILDINGS.some((b) => b.shapes.some((s) => Math.abs(s.x - x) < 30))) continue;
    const h = 6 + rnd() * 3;
    out.push({ kind: 'cylinder', x, z: 0, r: 0.3, h: h * 0.45, color: '#6b4f3a' });
    out.push({ kind: 'cylinder', x, z: 0, r: 2.6 + rnd(), h: h * 0.6, y0: h * 0.4, color: rnd() < 0.5 ? '#5e7d4a' : '#6f8f55' });
  }
  // Yangpu Bridge (stylised): two H towers in the river and a deck crossing to Pudong.
  const bx = 1300;
  for (const tz of [90, 470]) {
    out.push({ kind: 'box', x: bx, z: tz - 14, w: 6, d: 4, h: 200, color: '#d9d4cc' });
    out.push({ kind: 'box', x: bx, z: tz + 14, w: 6, d: 4, h: 200, color: '#d9d4cc' });
    out.push({ kind: 'box', x: bx, z: tz, w: 6, d: 32, h: 5, y0: 150, color: '#d9d4cc' });
  }
  out.push({ kind: 'box', x: bx, z: 280, w: 32, d: 1100, h: 3, y0: 48, color: '#8f8a82' });
  for (const pz of [-120, -40, 600, 680]) out.push({ kind: 'box', x: bx, z: pz, w: 8, d: 8, h: 48, color: '#bdb6aa' });
  // Cable planes, as thin slanted boxes is more than this demo needs: a few vertical hangers instead.
  for (let k = 1; k < 8; k++) {
    out.push({ kind: 'box', x: bx - 15, z: 90 + k * 47.5, w: 0.4, d: 0.4, h: 100 - Math.abs(k - 4) * 20, y0: 51, color: '#e8e4dc' });
    out.push({ kind: 'box', x: bx + 15, z: 90 + k * 47.5, w: 0.4, d: 0.4, h: 100 - Math.abs(k - 4) * 20, y0: 51, color: '#e8e4dc' });
  }
  // The Pudong bank: towers of many heights.
  for (let x = -600; x < ROUTE_LENGTH_M + 600; x += 40 + rnd() * 50) {
    const h = 15 + rnd() * (rnd() < 0.15 ? 160 : 60);
    out.push({
      kind: 'box',
      x,
      z: FAR_BANK_Z + 40 + rnd() * 80,
      w: 20 + rnd() * 25,
      d: 20 + rnd() * 20,
      h,
      color: rnd() < 0.5 ? '#8fa1b3' : '#a9b4bf',
    });
  }
  return out;
}
