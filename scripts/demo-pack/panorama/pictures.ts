/**
 * The panorama's flat pictures, drawn as SVG with the history illustrations' kit (rendered to PNG
 * by renderPngs.ts): a "then" and a "now" picture per building, in the same framing so the kiosk's
 * comparison slider lines them up (the "then" one in sepia, like an old photograph), and the route
 * map with the nodes and buildings placed from world.ts.
 */
import { C, H, W, bench, birds, cloud, crowd, lamp, n, person, rect, river, sky, sun, tree } from '../svg/kit';
import { coalBarge, crane, mill, promenade, steamship, warehouse, waterworksCastle, powerPlant } from '../svg/landmarks';
import { BUILDINGS, NODES, ROUTE_LENGTH_M } from './world';

const GROUND = 720;

/** Each building's landmark drawing, standing on y = GROUND in the 1600 x 1000 space. */
const LANDMARKS: Record<string, (old: boolean) => string> = {
  'wharf-warehouse': () => warehouse(380, GROUND, 840, 230),
  'wing-on-warehouse': (old) => rect(450, GROUND - 330, 700, 330, old ? C.sand : '#e6d3b0') + [0, 1, 2, 3].map((row) => [0, 1, 2, 3, 4, 5].map((col) => rect(490 + col * 110, GROUND - 300 + row * 75, 60, 40, C.ink)).join('')).join(''),
  waterworks: (old) => waterworksCastle(520, GROUND, 1, !old && false),
  'sugar-warehouse': () => warehouse(500, GROUND, 600, 260) + rect(560, GROUND - 200, 480, 20, C.sand),
  'power-plant': (old) => powerPlant(450, GROUND, 1, { smoke: old }),
  'cotton-mill': () => mill(300, GROUND, 1000, 200, 5),
};

/** An old photograph's brown tint (a sepia colour matrix, https://www.w3.org/TR/filter-effects-1/#feColorMatrixElement). */
const SEPIA = '<filter id="sepia"><feColorMatrix type="matrix" values="0.39 0.77 0.19 0 0  0.35 0.69 0.17 0 0  0.27 0.53 0.13 0 0  0 0 0 1 0"/></filter>';

export function thenPicture(id: string): string {
  const landmark = LANDMARKS[id];
  if (!landmark) throw new Error(`pictures: no landmark for building "${id}"`);
  const body =
    sky('day') + cloud(300, 170, 1.1) + birds(1100, 180, 4, 9) + rect(0, 400, W, GROUND - 400, C.greenLight) + landmark(true) +
    rect(0, GROUND, W, 60, C.sand) + river(GROUND + 60, 'day', 5) +
    steamship(1000, H - 40, 0.7, true) + coalBarge(120, H - 50, 0.8) + crane(1380, GROUND, 0.8, C.grey) + crowd(80, GROUND + 50, 500, 5, 3, { hat: true });
  return `<defs>${SEPIA}</defs><g filter="url(#sepia)">${body}</g>`;
}

export function nowPicture(id: string): string {
  const landmark = LANDMARKS[id];
  if (!landmark) throw new Error(`pictures: no landmark for building "${id}"`);
  return (
    sky('day') + sun(1380, 170, 60, 'day') + cloud(400, 150, 1) + rect(0, 400, W, GROUND - 400, C.green) + landmark(false) +
    promenade(GROUND, W) + rect(0, GROUND + 52, W, 40, '#d9c092') + river(GROUND + 92, 'day', 6) +
    tree(200, GROUND, 1.3) + tree(1420, GROUND, 1.3) + lamp(300, GROUND + 40, false) + bench(1150, GROUND + 40) +
    person(700, GROUND + 40, 1.1, { color: C.red }) + person(780, GROUND + 40, 0.8, { color: C.ochre, child: true }) + crane(1300, GROUND, 0.6, C.red)
  );
}

export const MAP_W = 2000;
export const MAP_H = 500;
const MAP_X0 = 100;
const MAP_X1 = 1900;
const MAP_Y = 260;

/** Where a route position falls on the map, in map pixels: the route is drawn as one straight line. */
export function mapPoint(positionM: number): { x: number; y: number } {
  return { x: MAP_X0 + ((MAP_X1 - MAP_X0) * positionM) / ROUTE_LENGTH_M, y: MAP_Y };
}

export function routeMapSvg(): string {
  const font = 'font-family="Noto Sans CJK SC, sans-serif"';
  let out = rect(0, 0, MAP_W, MAP_H, C.paper) + rect(0, MAP_Y + 30, MAP_W, MAP_H - MAP_Y - 30, C.river) + rect(0, 0, MAP_W, MAP_Y - 60, '#d9d2b8');
  out += `<text x="${MAP_W / 2}" y="${MAP_H - 40}" text-anchor="middle" ${font} font-size="34" fill="${C.white}">黄浦江 Huangpu River</text>`;
  out += `<line x1="${MAP_X0}" y1="${MAP_Y}" x2="${MAP_X1}" y2="${MAP_Y}" stroke="${C.red}" stroke-width="10" stroke-linecap="round"/>`;
  for (const b of BUILDINGS) {
    const x = Math.min(...b.shapes.map((s) => s.x));
    const p = mapPoint(x);
    out += rect(p.x - 14, MAP_Y - 120, 28, 50, C.brick) + `<text x="${n(p.x)}" y="${MAP_Y - 140}" text-anchor="middle" ${font} font-size="22" fill="${C.ink}">${b.name.zh}</text>`;
  }
  for (const node of NODES) {
    const p = mapPoint(node.positionM);
    out += `<circle cx="${n(p.x)}" cy="${MAP_Y}" r="16" fill="${C.white}" stroke="${C.ink}" stroke-width="5"/>`;
  }
  out += `<text x="${MAP_X0}" y="${MAP_Y + 70}" ${font} font-size="26" fill="${C.ink}">0 m</text><text x="${MAP_X1}" y="${MAP_Y + 70}" text-anchor="end" ${font} font-size="26" fill="${C.ink}">${ROUTE_LENGTH_M} m</text>`;
  out += `<g ${font} font-size="24" fill="${C.ink}" opacity="0.75"><rect x="${MAP_W - 250}" y="20" width="220" height="40" rx="6" fill="${C.white}"/><text x="${MAP_W - 140}" y="48" text-anchor="middle">示例地图 · DEMO</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_W}" height="${MAP_H}" viewBox="0 0 ${MAP_W} ${MAP_H}">${out}</svg>`;
}
