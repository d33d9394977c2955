import { seededRandom } from '../../../common/seededRandom';
/**
 * Small SVG drawing kit for the demo pack's illustrations: a warm, print-like palette and the
 * scenery every riverside picture shares (sky, river, shore, trees, people). Shapes are flat with
 * few colours on purpose: after quantisation to an indexed PNG they stay small (SVG 1.1 basics,
 * https://www.w3.org/TR/SVG11/shapes.html).
 */

export const W = 1600;
export const H = 1000;

export const C = {
  paper: '#f4e9d2',
  ink: '#3a2a1f',
  red: '#b9412e',
  redDark: '#8e2f22',
  ochre: '#d89a3c',
  sand: '#e9cf9f',
  teal: '#2f5f63',
  river: '#5f8f94',
  riverLight: '#9dbfb6',
  skyTop: '#efc38f',
  sky: '#f7e2bd',
  brick: '#a6523a',
  brickLight: '#c4704f',
  green: '#5e7d4a',
  greenLight: '#8aa460',
  grey: '#8c8477',
  greyLight: '#bdb2a0',
  smoke: '#ddd2c2',
  night: '#2b3550',
  nightTop: '#1c2238',
  white: '#fbf5e8',
  lamp: '#ffd98a',
} as const;

/** Formats numbers without float noise so the SVG text (and the PNG) is reproducible. */
export function n(v: number): string {
  return Number(v.toFixed(1)).toString();
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}" ${extra}/>`;
}

export function circle(x: number, y: number, r: number, fill: string, extra = ''): string {
  return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${fill}" ${extra}/>`;
}

export function poly(points: Array<[number, number]>, fill: string, extra = ''): string {
  return `<polygon points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="${fill}" ${extra}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="${n(width)}" stroke-linecap="round"/>`;
}

/** A deterministic pseudo-random sequence so every run draws the same picture. */
export const seeded = seededRandom;

export type Mood = 'day' | 'dawn' | 'dusk' | 'night';

const SKIES: Record<Mood, [string, string]> = {
  day: ['#e9d3a6', C.sky],
  dawn: ['#f0b98c', '#f8e3c4'],
  dusk: ['#d9825a', '#f2c48e'],
  night: [C.nightTop, C.night],
};

export function sky(mood: Mood, id = 'sky'): string {
  const [top, bottom] = SKIES[mood];
  return `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>${rect(0, 0, W, H, `url(#${id})`)}`;
}

export function sun(x: number, y: number, r: number, mood: Mood): string {
  if (mood === 'night') return circle(x, y, r * 0.6, '#f3ead0') + circle(x + r * 0.25, y - r * 0.1, r * 0.5, C.night);
  const color = mood === 'day' ? '#f6d58b' : '#f29a5c';
  return circle(x, y, r * 1.5, color, 'opacity="0.35"') + circle(x, y, r, color);
}

export function cloud(x: number, y: number, s: number, fill: string = C.white): string {
  return `<g opacity="0.85">${[
    [0, 0, 60],
    [55, -20, 50],
    [105, 0, 45],
    [50, 15, 55],
  ]
    .map(
      ([dx, dy, r]) => `<ellipse cx="${n(x + dx! * s)}" cy="${n(y + dy! * s)}" rx="${n(r! * s)}" ry="${n(r! * s * 0.55)}" fill="${fill}"/>`,
    )
    .join('')}</g>`;
}

export function birds(x: number, y: number, count: number, seed: number): string {
  const rnd = seeded(seed);
  let out = '';
  for (let i = 0; i < count; i++) {
    const bx = x + rnd() * 240;
    const by = y + rnd() * 90;
    const s = 8 + rnd() * 8;
    out += `<path d="M${n(bx - s)},${n(by)} q${n(s / 2)},${n(-s / 2)} ${n(s)},0 q${n(s / 2)},${n(-s / 2)} ${n(s)},0" fill="none" stroke="${C.ink}" stroke-width="3"/>`;
  }
  return out;
}

/** The Huangpu: a band of water from `top` down, with engraved-looking wave strokes. */
export function river(top: number, mood: Mood, seed = 7, bottom = H): string {
  const rnd = seeded(seed);
  const water = mood === 'night' ? '#34476a' : mood === 'dusk' ? '#7d8f8c' : C.river;
  const light = mood === 'night' ? '#566b8f' : mood === 'dusk' ? '#d5a27a' : C.riverLight;
  let waves = '';
  for (let row = 0; row < 9; row++) {
    const y = top + 18 + row * ((bottom - top) / 9);
    for (let k = 0; k < 7; k++) {
      const x = rnd() * W;
      const len = 40 + rnd() * 90;
      waves += `<path d="M${n(x)},${n(y)} q${n(len / 4)},-7 ${n(len / 2)},0 t${n(len / 2)},0" fill="none" stroke="${light}" stroke-width="4" stroke-linecap="round"/>`;
    }
  }
  return rect(0, top, W, bottom - top, water) + waves;
}

/** The far (Pudong) bank: low sheds in the old pictures, towers in the present-day ones. */
export function farShore(y: number, era: 'old' | 'modern', mood: Mood, seed = 3): string {
  const rnd = seeded(seed);
  const fill = mood === 'night' ? '#3d4a6b' : mood === 'dusk' ? '#b98368' : '#b9a88c';
  let out = rect(0, y - 6, W, 12, fill);
  let x = 0;
  while (x < W) {
    const w = 40 + rnd() * 90;
    const h = era === 'modern' ? 30 + rnd() * 150 : 12 + rnd() * 30;
    out += rect(x, y - h, w - 8, h, fill);
    if (mood === 'night' && era === 'modern') {
      for (let wy = y - h + 10; wy < y - 8; wy += 18) out += rect(x + 8, wy, w - 24, 4, C.lamp, 'opacity="0.7"');
    }
    x += w;
  }
  return out;
}

export function tree(x: number, y: number, s: number, tone: 'green' | 'autumn' = 'green'): string {
  const a = tone === 'green' ? C.green : '#b6763a';
  const b = tone === 'green' ? C.greenLight : C.ochre;
  return (
    rect(x - 6 * s, y - 70 * s, 12 * s, 70 * s, C.ink) +
    circle(x, y - 105 * s, 48 * s, a) +
    circle(x - 28 * s, y - 80 * s, 32 * s, a) +
    circle(x + 30 * s, y - 82 * s, 34 * s, a) +
    circle(x - 10 * s, y - 120 * s, 26 * s, b)
  );
}

export interface PersonOptions {
  color?: string;
  suitcase?: boolean;
  wave?: boolean;
  child?: boolean;
  hat?: boolean;
  bucket?: boolean;
}

/** A simple standing figure with its feet at (x, y). */
export function person(x: number, y: number, s: number, o: PersonOptions = {}): string {
  const k = o.child ? 0.65 * s : s;
  const body = o.color ?? C.teal;
  let out = '';
  out += rect(x - 9 * k, y - 50 * k, 7 * k, 50 * k, C.ink) + rect(x + 2 * k, y - 50 * k, 7 * k, 50 * k, C.ink);
  out += `<path d="M${n(x - 16 * k)},${n(y - 45 * k)} L${n(x - 12 * k)},${n(y - 100 * k)} Q${n(x)},${n(y - 110 * k)} ${n(x + 12 * k)},${n(y - 100 * k)} L${n(x + 16 * k)},${n(y - 45 * k)} Z" fill="${body}"/>`;
  out += circle(x, y - 120 * k, 14 * k, '#e7b98f');
  out += o.hat
    ? rect(x - 18 * k, y - 134 * k, 36 * k, 6 * k, C.ink) + rect(x - 11 * k, y - 148 * k, 22 * k, 15 * k, C.ink)
    : `<path d="M${n(x - 14 * k)},${n(y - 122 * k)} a${n(14 * k)},${n(14 * k)} 0 0 1 ${n(28 * k)},0 z" fill="${C.ink}"/>`;
  if (o.wave) out += line(x + 12 * k, y - 98 * k, x + 34 * k, y - 140 * k, body, 7 * k);
  else out += line(x + 13 * k, y - 98 * k, x + 18 * k, y - 58 * k, body, 7 * k);
  out += line(x - 13 * k, y - 98 * k, x - 18 * k, y - 58 * k, body, 7 * k);
  if (o.suitcase)
    out += rect(x - 40 * k, y - 40 * k, 24 * k, 32 * k, C.brick, 'rx="3"') + rect(x - 33 * k, y - 46 * k, 10 * k, 6 * k, C.ink);
  if (o.bucket)
    out += poly(
      [
        [x + 14 * k, y - 50 * k],
        [x + 36 * k, y - 50 * k],
        [x + 32 * k, y - 22 * k],
        [x + 18 * k, y - 22 * k],
      ],
      C.grey,
    );
  return out;
}

/** A crowd of figures spread along a line, deterministic for a seed. */
export function crowd(x: number, y: number, width: number, count: number, seed: number, extra: PersonOptions = {}): string {
  const rnd = seeded(seed);
  const colors = [C.teal, C.red, C.ink, C.grey, C.ochre, C.brick];
  let out = '';
  for (let i = 0; i < count; i++) {
    const px = x + (i + rnd() * 0.6) * (width / count);
    out += person(px, y + rnd() * 12, 0.9 + rnd() * 0.25, {
      color: colors[Math.floor(rnd() * colors.length)],
      suitcase: extra.suitcase && rnd() > 0.4,
      wave: extra.wave && rnd() > 0.5,
      child: extra.child && rnd() > 0.7,
      hat: extra.hat ?? rnd() > 0.6,
    });
  }
  return out;
}

export function lamp(x: number, y: number, lit: boolean): string {
  return (
    rect(x - 3, y - 150, 6, 150, C.ink) +
    rect(x - 14, y - 168, 28, 20, lit ? C.lamp : C.greyLight, 'rx="4"') +
    (lit ? circle(x, y - 158, 40, C.lamp, 'opacity="0.25"') : '')
  );
}

export function bench(x: number, y: number): string {
  return (
    rect(x, y - 34, 110, 10, C.brick) +
    rect(x, y - 58, 110, 8, C.brick) +
    rect(x + 10, y - 34, 8, 34, C.ink) +
    rect(x + 92, y - 34, 8, 34, C.ink)
  );
}

/** A mooring bollard (系缆桩), kept along today's walk. */
export function bollard(x: number, y: number, s = 1): string {
  return (
    rect(x - 14 * s, y - 34 * s, 28 * s, 34 * s, C.ink) +
    `<ellipse cx="${n(x)}" cy="${n(y - 36 * s)}" rx="${n(22 * s)}" ry="${n(9 * s)}" fill="${C.ink}"/>`
  );
}

/**
 * Wraps drawing commands into a full SVG document with a paper frame and a small "demo" mark.
 * The drawing is in a `viewW` x `viewH` space; `outW` (default viewW) scales the output picture.
 */
export function page(body: string, opts: { viewW?: number; viewH?: number; outW?: number; mark?: boolean } = {}): string {
  const w = opts.viewW ?? W;
  const h = opts.viewH ?? H;
  const outW = opts.outW ?? w;
  const outH = Math.round((outW * h) / w);
  const frame = `<rect x="12" y="12" width="${w - 24}" height="${h - 24}" fill="none" stroke="${C.paper}" stroke-width="24"/><rect x="24" y="24" width="${w - 48}" height="${h - 48}" fill="none" stroke="${C.ink}" stroke-width="3"/>`;
  const mark =
    opts.mark === false
      ? ''
      : `<g font-family="Noto Sans CJK SC, sans-serif" font-size="22" fill="${C.ink}" opacity="0.75"><rect x="${w - 246}" y="${h - 74}" width="208" height="36" rx="6" fill="${C.paper}"/><text x="${w - 142}" y="${h - 49}" text-anchor="middle">示例插图 · DEMO</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${outW}" height="${outH}" viewBox="0 0 ${w} ${h}">${body}${frame}${mark}</svg>`;
}
