/**
 * The panorama's flat pictures, drawn as SVG with the history illustrations' kit (rendered to PNG
 * by renderPngs.ts): a "then" and a "now" picture per building, in the same framing so the kiosk's
 * comparison slider lines them up (the "then" one in sepia, like an old photograph), and the route
 * map with the buildings placed from world.ts (the kiosk draws the nodes over it).
 */
import { C, H, W, bench, birds, cloud, crowd, lamp, n, person, rect, river, sky, sun, tree } from '../svg/kit';
import { coalBarge, crane, mill, promenade, steamship, warehouse, waterworksCastle, powerPlant } from '../svg/landmarks';
import { BUILDINGS, ROUTE_LENGTH_M } from './world';

const GROUND = 720;

/** Each building's landmark drawing, standing on y = GROUND in the 1600 x 1000 space. */
const LANDMARKS: Record<string, (old: boolean) => string> = {
  'wharf-warehouse': () => warehouse(380, GROUND, 840, 230),
  'wing-on-warehouse': (old) =>
    rect(450, GROUND - 330, 700, 330, old ? C.sand : '#e6d3b0') +
    [0, 1, 2, 3]
      .map((row) => [0, 1, 2, 3, 4, 5].map((col) => rect(490 + col * 110, GROUND - 300 + row * 75, 60, 40, C.ink)).join(''))
      .join(''),
  waterworks: (old) => waterworksCastle(520, GROUND, 1, !old && false),
  'sugar-warehouse': () => warehouse(500, GROUND, 600, 260) + rect(560, GROUND - 200, 480, 20, C.sand),
  'power-plant': (old) => powerPlant(450, GROUND, 1, { smoke: old }),
  'cotton-mill': () => mill(300, GROUND, 1000, 200, 5),
};

/** An old photograph's brown tint (a sepia colour matrix, https://www.w3.org/TR/filter-effects-1/#feColorMatrixElement). */
const SEPIA =
  '<filter id="sepia"><feColorMatrix type="matrix" values="0.39 0.77 0.19 0 0  0.35 0.69 0.17 0 0  0.27 0.53 0.13 0 0  0 0 0 1 0"/></filter>';

export function thenPicture(id: string): string {
  const landmark = LANDMARKS[id];
  if (!landmark) throw new Error(`pictures: no landmark for building "${id}"`);
  const body =
    sky('day') +
    cloud(300, 170, 1.1) +
    birds(1100, 180, 4, 9) +
    rect(0, 400, W, GROUND - 400, C.greenLight) +
    landmark(true) +
    rect(0, GROUND, W, 60, C.sand) +
    river(GROUND + 60, 'day', 5) +
    steamship(1000, H - 40, 0.7, true) +
    coalBarge(120, H - 50, 0.8) +
    crane(1380, GROUND, 0.8, C.grey) +
    crowd(80, GROUND + 50, 500, 5, 3, { hat: true });
  return `<defs>${SEPIA}</defs><g filter="url(#sepia)">${body}</g>`;
}

export function nowPicture(id: string): string {
  const landmark = LANDMARKS[id];
  if (!landmark) throw new Error(`pictures: no landmark for building "${id}"`);
  return (
    sky('day') +
    sun(1380, 170, 60, 'day') +
    cloud(400, 150, 1) +
    rect(0, 400, W, GROUND - 400, C.green) +
    landmark(false) +
    promenade(GROUND, W) +
    rect(0, GROUND + 52, W, 40, '#d9c092') +
    river(GROUND + 92, 'day', 6) +
    tree(200, GROUND, 1.3) +
    tree(1420, GROUND, 1.3) +
    lamp(300, GROUND + 40, false) +
    bench(1150, GROUND + 40) +
    person(700, GROUND + 40, 1.1, { color: C.red }) +
    person(780, GROUND + 40, 0.8, { color: C.ochre, child: true }) +
    crane(1300, GROUND, 0.6, C.red)
  );
}

/**
 * The route map, drawn for the kiosk's corner map (shown about 280-520 px wide over the panorama,
 * src/exhibits/panorama/components/RouteMap.vue): a compact 5:3 picture, the route as a gentle curve
 * along the north bank, few words in big type. The nodes and "you are here" are drawn by the kiosk
 * over it from the nodes' `map` points, so the picture itself has no node marks.
 */
export const MAP_W = 1200;
export const MAP_H = 720;
const MAP_X0 = 90;
const MAP_X1 = 1110;

/** Where a route position falls on the map, in map pixels: along a gentle curve, like the riverbank. */
export function mapPoint(positionM: number): { x: number; y: number } {
  const t = Math.max(0, Math.min(1, positionM / ROUTE_LENGTH_M));
  return { x: MAP_X0 + (MAP_X1 - MAP_X0) * t, y: 400 - 120 * Math.sin(Math.PI * t) + 40 * Math.sin(2.4 * Math.PI * t) };
}

/** The route as an SVG path through `steps` points, shifted down by `dy` map pixels. */
function routePath(dy: number, steps = 48): string {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const p = mapPoint((ROUTE_LENGTH_M * i) / steps);
    return `${i === 0 ? 'M' : 'L'}${n(p.x)} ${n(p.y + dy)}`;
  }).join(' ');
}

export function routeMapSvg(): string {
  const font = 'font-family="Noto Sans CJK SC, sans-serif"';
  const end = mapPoint(ROUTE_LENGTH_M);
  const start = mapPoint(0);
  let out = rect(0, 0, MAP_W, MAP_H, '#e4dcc2');
  // The river: everything south of the bank (the route shifted down), to the bottom edge.
  out += `<path d="M0 ${n(start.y + 34)} ${routePath(34).replace(/^M/, 'L')} L${MAP_W} ${n(end.y + 34)} L${MAP_W} ${MAP_H} L0 ${MAP_H} Z" fill="${C.river}"/>`;
  out += `<path d="${routePath(-120)}" fill="none" stroke="${C.white}" stroke-width="16" stroke-linecap="round"/>`;
  // The road's name over its left part, clear of the "demo" tag top right.
  const roadAt = mapPoint(ROUTE_LENGTH_M * 0.34);
  out += `<text x="${n(roadAt.x)}" y="${n(roadAt.y - 160)}" text-anchor="middle" ${font} font-size="46" fill="${C.ink}" opacity="0.75">杨树浦路 Yangshupu Rd</text>`;
  out += `<path d="${routePath(10)}" fill="none" stroke="${C.greenLight}" stroke-width="30" stroke-linecap="round"/>`;
  out += `<path d="${routePath(0)}" fill="none" stroke="${C.red}" stroke-width="12" stroke-linecap="round" stroke-dasharray="2 22"/>`;
  for (const b of BUILDINGS) {
    const p = mapPoint(Math.min(...b.shapes.map((s) => s.x)));
    out += rect(p.x - 22, p.y - 78, 44, 40, C.brick);
  }
  out += `<text x="${MAP_W / 2}" y="${MAP_H - 60}" text-anchor="middle" ${font} font-size="60" font-weight="700" fill="${C.white}">黄浦江 Huangpu River</text>`;
  out += `<g ${font} font-size="40" fill="${C.ink}"><path d="M70 40 L90 100 L70 88 L50 100 Z" fill="${C.ink}"/><text x="70" y="140" text-anchor="middle">N</text></g>`;
  out += `<g ${font} font-size="46" fill="${C.ink}"><rect x="${MAP_W - 410}" y="20" width="390" height="74" rx="12" fill="${C.white}" opacity="0.85"/><text x="${MAP_W - 215}" y="73" text-anchor="middle">示例地图 · DEMO</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_W}" height="${MAP_H}" viewBox="0 0 ${MAP_W} ${MAP_H}">${out}</svg>`;
}
