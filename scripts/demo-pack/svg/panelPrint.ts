/**
 * The reference picture of the sand-carved print behind the transparent touch panel: one long
 * riverside panorama in frosted greys on dark glass. The landmarks are placed here, so the
 * hotspot centres come from the same numbers the drawing uses and always sit on their landmark.
 */
import { crane, pier, powerPlant, steamship, waterworksCastle } from './landmarks';
import { bollard, crowd, n, rect, seeded, tree } from './kit';

export const PRINT_W = 3000;
export const PRINT_H = 1000;
/** Physical size of the demo print (a 3 m x 1 m glass panel). */
export const PRINT_MM = { widthMm: 3000, heightMm: 1000 } as const;

export type PanelSpotId = 'wharf' | 'waterworks' | 'chimney' | 'cranes' | 'walk';

export interface PanelSpot {
  id: PanelSpotId;
  /** Centre in print pixels, and touch radius in print pixels. */
  cx: number;
  cy: number;
  r: number;
}

const GROUND = 780;

/** Landmark anchors along the print, left (downstream) to right. */
export const PANEL_SPOTS: PanelSpot[] = [
  { id: 'wharf', cx: 425, cy: 650, r: 190 },
  { id: 'waterworks', cx: 1055, cy: 650, r: 190 },
  { id: 'chimney', cx: 1750, cy: 520, r: 150 },
  { id: 'cranes', cx: 2240, cy: 570, r: 170 },
  { id: 'walk', cx: 2700, cy: 700, r: 170 },
];

/**
 * Turns the coloured landmark drawings into the frosted look of sand-carved glass: grey by
 * luminance, posterised into four frost levels (feComponentTransfer "discrete",
 * https://www.w3.org/TR/filter-effects-1/#feComponentTransferElement).
 */
const FROST = `<filter id="frost" color-interpolation-filters="sRGB"><feColorMatrix type="saturate" values="0"/><feComponentTransfer><feFuncR type="discrete" tableValues="0.55 0.7 0.82 0.93"/><feFuncG type="discrete" tableValues="0.57 0.72 0.84 0.94"/><feFuncB type="discrete" tableValues="0.6 0.75 0.86 0.95"/></feComponentTransfer></filter>`;

function waves(top: number, seed: number): string {
  const rnd = seeded(seed);
  let out = '';
  for (let row = 0; row < 6; row++) {
    const y = top + 30 + row * 34;
    for (let k = 0; k < 14; k++) {
      const x = rnd() * PRINT_W;
      const len = 60 + rnd() * 120;
      out += `<path d="M${n(x)},${n(y)} q${n(len / 4)},-8 ${n(len / 2)},0 t${n(len / 2)},0" fill="none" stroke="#9fb0b6" stroke-width="4" stroke-linecap="round"/>`;
    }
  }
  return out;
}

export function panelPrintSvg(outW = 2400): string {
  const landmarks =
    pier(180, GROUND - 30, 520) +
    steamship(230, GROUND - 40, 0.75, true) +
    waterworksCastle(860, GROUND, 0.7) +
    powerPlant(1350, GROUND, 0.85, { smoke: true }) +
    crane(2050, GROUND, 0.9) +
    crane(2260, GROUND, 0.75) +
    tree(2520, GROUND, 1.1) +
    tree(2860, GROUND, 1.2) +
    bollard(2620, GROUND, 1.2) +
    crowd(2560, GROUND, 260, 3, 51, { child: true });
  const body =
    `<defs>${FROST}</defs>` +
    rect(0, 0, PRINT_W, PRINT_H, '#1f2528') +
    rect(0, GROUND, PRINT_W, 8, '#9fb0b6') +
    waves(GROUND + 20, 61) +
    `<g filter="url(#frost)">${landmarks}</g>`;
  const outH = Math.round((outW * PRINT_H) / PRINT_W);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${outW}" height="${outH}" viewBox="0 0 ${PRINT_W} ${PRINT_H}">${body}</svg>`;
}
