/**
 * The Yangpu riverside landmarks as stylised shapes: the steamship and wharf, the waterworks
 * "castle", the power plant with its tall chimney, gantry cranes and saw-tooth mill roofs.
 * They are drawn from general knowledge of their silhouettes, not traced from any photograph.
 */
import { C, circle, line, n, poly, rect, seeded } from './kit';

/** A coastal steamship of the 1920s: dark hull, white decks, two funnels, optional smoke. */
export function steamship(x: number, y: number, s: number, smoke = true): string {
  let out = '';
  out += poly(
    [
      [x, y - 60 * s],
      [x + 520 * s, y - 60 * s],
      [x + 480 * s, y],
      [x + 40 * s, y],
    ],
    C.ink,
  );
  out += rect(x + 30 * s, y - 22 * s, 460 * s, 10 * s, C.red);
  out += rect(x + 90 * s, y - 110 * s, 330 * s, 50 * s, C.white);
  out += rect(x + 140 * s, y - 145 * s, 220 * s, 35 * s, C.white);
  for (let i = 0; i < 9; i++) out += circle(x + (110 + i * 36) * s, y - 85 * s, 7 * s, C.teal);
  for (const fx of [190, 290]) {
    out += rect(x + fx * s, y - 230 * s, 40 * s, 85 * s, C.ochre) + rect(x + fx * s, y - 230 * s, 40 * s, 18 * s, C.ink);
  }
  out +=
    line(x + 60 * s, y - 60 * s, x + 60 * s, y - 250 * s, C.ink, 5 * s) +
    line(x + 460 * s, y - 60 * s, x + 460 * s, y - 230 * s, C.ink, 5 * s);
  if (smoke) {
    for (let i = 0; i < 5; i++) out += circle(x + (205 - i * 55) * s, y - (255 + i * 12) * s, (22 + i * 7) * s, C.smoke, 'opacity="0.8"');
  }
  return out;
}

/** A timber wharf on piles with bollards, from x to x + w at deck height y. */
export function pier(x: number, y: number, w: number): string {
  let out = rect(x, y, w, 26, C.brick) + rect(x, y + 26, w, 8, C.redDark);
  for (let px = x + 20; px < x + w; px += 70) out += rect(px, y + 34, 14, 80, C.ink);
  for (let bx = x + 60; bx < x + w - 20; bx += 220)
    out += rect(bx - 10, y - 22, 20, 22, C.ink) + `<ellipse cx="${bx}" cy="${y - 23}" rx="16" ry="6" fill="${C.ink}"/>`;
  return out;
}

function battlements(x: number, y: number, w: number, tooth: number, fill: string): string {
  let out = '';
  for (let bx = x; bx < x + w - 1; bx += tooth * 2) out += rect(bx, y - tooth, tooth, tooth, fill);
  return out;
}

function archWindow(x: number, y: number, w: number, h: number, fill: string): string {
  return `<path d="M${n(x)},${n(y + h)} L${n(x)},${n(y + w / 2)} A${n(w / 2)},${n(w / 2)} 0 0 1 ${n(x + w)},${n(y + w / 2)} L${n(x + w)},${n(y + h)} Z" fill="${fill}"/>`;
}

/** The Yangshupu Waterworks' castle-like brick buildings: towers, battlements, pointed windows. */
export function waterworksCastle(x: number, y: number, s: number, lit = false): string {
  const win = lit ? C.lamp : C.ink;
  let out = '';
  const bodyW = 560 * s;
  const bodyH = 220 * s;
  out += rect(x, y - bodyH, bodyW, bodyH, C.brick);
  out += battlements(x, y - bodyH, bodyW, 20 * s, C.brick);
  out += rect(x, y - bodyH * 0.55, bodyW, 10 * s, C.sand);
  for (let i = 0; i < 7; i++) out += archWindow(x + (40 + i * 72) * s, y - bodyH + 40 * s, 30 * s, 70 * s, win);
  for (let i = 0; i < 7; i++) out += archWindow(x + (40 + i * 72) * s, y - bodyH * 0.45, 30 * s, 60 * s, win);
  for (const [tx, tw, th] of [
    [-40, 120, 360],
    [bodyW / s - 80, 120, 330],
    [220, 110, 300],
  ] as const) {
    const X = x + tx * s;
    out += rect(X, y - th * s, tw * s, th * s, C.brickLight);
    out += battlements(X - 6 * s, y - th * s, tw * s + 12 * s, 18 * s, C.brickLight);
    out += rect(X - 6 * s, y - th * s, tw * s + 12 * s, 14 * s, C.sand);
    out += archWindow(X + tw * s * 0.35, y - th * s + 50 * s, tw * s * 0.3, 80 * s, win);
    out += rect(X, y - 60 * s, tw * s, 8 * s, C.sand);
  }
  out += archWindow(x + 250 * s, y - 110 * s, 60 * s, 110 * s, C.ink);
  return out;
}

/** The power plant: long turbine halls and the tall brick chimney (with smoke while it ran). */
export function powerPlant(x: number, y: number, s: number, o: { smoke?: boolean; lit?: boolean; chimneyOnly?: boolean } = {}): string {
  let out = '';
  const cx = x + 470 * s;
  if (!o.chimneyOnly) {
    out +=
      rect(x, y - 240 * s, 420 * s, 240 * s, C.greyLight) +
      poly(
        [
          [x - 10 * s, y - 240 * s],
          [x + 210 * s, y - 300 * s],
          [x + 430 * s, y - 240 * s],
        ],
        C.grey,
      );
    out += rect(x + 400 * s, y - 180 * s, 300 * s, 180 * s, C.brickLight);
    for (let i = 0; i < 6; i++) out += rect(x + (30 + i * 65) * s, y - 210 * s, 34 * s, 150 * s, o.lit ? C.lamp : C.teal);
    for (let i = 0; i < 4; i++) out += rect(x + (430 + i * 65) * s, y - 150 * s, 34 * s, 90 * s, o.lit ? C.lamp : C.teal);
  }
  out += poly(
    [
      [cx - 34 * s, y],
      [cx + 34 * s, y],
      [cx + 20 * s, y - 620 * s],
      [cx - 20 * s, y - 620 * s],
    ],
    C.brick,
  );
  for (let i = 1; i <= 4; i++) out += rect(cx - (34 - i * 3) * s, y - i * 130 * s, (68 - i * 6) * s, 12 * s, C.redDark);
  out += rect(cx - 24 * s, y - 632 * s, 48 * s, 14 * s, C.ink);
  if (o.smoke)
    for (let i = 0; i < 6; i++) out += circle(cx - i * 60 * s, y - (655 + i * 8) * s, (24 + i * 7) * s, C.smoke, 'opacity="0.85"');
  if (o.lit) out += circle(cx, y - 640 * s, 8 * s, '#ff6b4a');
  return out;
}

/** A portal (gantry) crane on rails, boom pointing over the river. */
export function crane(x: number, y: number, s: number, color: string = C.red): string {
  let out = '';
  out += line(x - 60 * s, y, x - 20 * s, y - 180 * s, color, 14 * s) + line(x + 60 * s, y, x + 20 * s, y - 180 * s, color, 14 * s);
  out += line(x - 50 * s, y - 60 * s, x + 50 * s, y - 60 * s, color, 8 * s);
  out += rect(x - 50 * s, y - 250 * s, 100 * s, 75 * s, color) + rect(x - 30 * s, y - 235 * s, 30 * s, 25 * s, C.white);
  out +=
    line(x + 30 * s, y - 240 * s, x + 300 * s, y - 380 * s, color, 12 * s) +
    line(x - 20 * s, y - 250 * s, x + 40 * s, y - 330 * s, color, 8 * s);
  out +=
    line(x + 40 * s, y - 330 * s, x + 300 * s, y - 380 * s, C.ink, 3 * s) +
    line(x + 300 * s, y - 380 * s, x + 300 * s, y - 240 * s, C.ink, 3 * s);
  out += rect(x + 288 * s, y - 240 * s, 24 * s, 20 * s, C.ink);
  return out;
}

/** A textile mill with a saw-tooth roof and a small stack. */
export function mill(x: number, y: number, w: number, h: number, seed = 11): string {
  const rnd = seeded(seed);
  let out = rect(x, y - h, w, h, C.sand);
  for (let tx = x; tx < x + w - 1; tx += 60)
    out += poly(
      [
        [tx, y - h],
        [tx, y - h - 40],
        [tx + 60, y - h],
      ],
      C.grey,
    );
  for (let wx = x + 20; wx < x + w - 30; wx += 50) out += rect(wx, y - h + 30, 26, h * 0.45, C.teal);
  const sx = x + 30 + rnd() * (w - 80);
  out += rect(sx, y - h - 170, 26, 170, C.brick);
  return out;
}

export function warehouse(x: number, y: number, w: number, h: number): string {
  let out =
    rect(x, y - h, w, h, C.brickLight) +
    poly(
      [
        [x - 10, y - h],
        [x + w / 2, y - h - 50],
        [x + w + 10, y - h],
      ],
      C.redDark,
    );
  for (let dx = x + 30; dx < x + w - 60; dx += 110) out += rect(dx, y - h * 0.6, 60, h * 0.6, C.ink);
  return out;
}

/** A low coal barge with a heap of coal. */
export function coalBarge(x: number, y: number, s: number): string {
  return (
    poly(
      [
        [x, y - 40 * s],
        [x + 360 * s, y - 40 * s],
        [x + 330 * s, y],
        [x + 20 * s, y],
      ],
      C.ink,
    ) +
    poly(
      [
        [x + 40 * s, y - 40 * s],
        [x + 120 * s, y - 100 * s],
        [x + 200 * s, y - 70 * s],
        [x + 300 * s, y - 40 * s],
      ],
      '#2a2420',
    )
  );
}

/** Settling basins of the waterworks, seen from above at an angle. */
export function basins(x: number, y: number, cols: number): string {
  let out = '';
  for (let i = 0; i < cols; i++) {
    const bx = x + i * 230;
    out += poly(
      [
        [bx, y],
        [bx + 200, y],
        [bx + 240, y + 120],
        [bx + 40, y + 120],
      ],
      C.greyLight,
    );
    out += poly(
      [
        [bx + 14, y + 12],
        [bx + 190, y + 12],
        [bx + 222, y + 108],
        [bx + 48, y + 108],
      ],
      C.riverLight,
    );
    out += line(bx + 60, y + 60, bx + 150, y + 60, C.white, 4);
  }
  return out;
}

/** A street standpipe (a public tap) with water running. */
export function standpipe(x: number, y: number): string {
  return (
    rect(x - 10, y - 120, 20, 120, C.teal) +
    rect(x - 10, y - 120, 50, 14, C.teal) +
    line(x + 34, y - 104, x + 34, y - 40, C.riverLight, 8) +
    `<ellipse cx="${x + 34}" cy="${y - 30}" rx="26" ry="8" fill="${C.riverLight}"/>`
  );
}

/** Today's timber promenade with railing posts along the river edge. */
export function promenade(y: number, width: number, lit = false): string {
  let out = rect(0, y, width, 40, '#c79a62') + rect(0, y + 40, width, 12, C.brick);
  for (let x = 20; x < width; x += 90) out += rect(x, y - 50, 6, 50, C.ink);
  out += rect(0, y - 54, width, 6, C.ink);
  if (lit) for (let x = 120; x < width; x += 360) out += rect(x, y + 6, 80, 6, C.lamp);
  return out;
}
