/**
 * The demo pack's postcard frames (original designs for this project, marked "示例 DEMO"): SVG
 * documents at the card's print size, 1748 x 1181 px (148 x 100 mm at 300 dpi), transparent where
 * the photo shows. The bottom right corner stays free of text: the kiosk prints the take-away QR code
 * there (and the postmark at the top right). The border is one path with an even-odd hole (SVG 1.1 fill-rule,
 * https://www.w3.org/TR/SVG11/painting.html#FillRuleProperty), so the window stays clear.
 */
import { C, circle, n, rect } from '../svg/kit';

export const CARD_W = 1748;
export const CARD_H = 1181;

export interface DemoFrame {
  id: string;
  name: { zh: string; en: string };
  /** The photo window in px; the manifest gets it as fractions. */
  window: { x: number; y: number; w: number; h: number };
  svg: () => string;
}

const FONT = 'font-family="Noto Sans CJK SC, Noto Sans CJK, sans-serif"';

/** A filled border: the card minus the window (even-odd), optionally with rounded window corners. */
function border(win: DemoFrame['window'], fill: string, r = 0): string {
  const { x, y, w, h } = win;
  const hole = r
    ? `M${x + r},${y} H${x + w - r} A${r},${r} 0 0 1 ${x + w},${y + r} V${y + h - r} A${r},${r} 0 0 1 ${x + w - r},${y + h} H${x + r} A${r},${r} 0 0 1 ${x},${y + h - r} V${y + r} A${r},${r} 0 0 1 ${x + r},${y} Z`
    : `M${x},${y} H${x + w} V${y + h} H${x} Z`;
  return `<path fill-rule="evenodd" fill="${fill}" d="M0,0 H${CARD_W} V${CARD_H} H0 Z ${hole}"/>`;
}

function demoMark(x: number, y: number, fill: string): string {
  return `<text x="${x}" y="${y}" ${FONT} font-size="30" fill="${fill}" opacity="0.8">示例边框 · DEMO</text>`;
}

function doc(body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W}" height="${CARD_H}" viewBox="0 0 ${CARD_W} ${CARD_H}">${body}</svg>`;
}

/** A wavy line across `w` px, for the river and the postmark-like decorations. */
function wave(x: number, y: number, w: number, amp: number, step: number, stroke: string, width: number): string {
  let d = `M${x},${y}`;
  for (let i = 0; i < w / step; i++) d += ` q${step / 4},${-amp} ${step / 2},0 t${step / 2},0`;
  return `<path d="${d}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linecap="round"/>`;
}

function star(cx: number, cy: number, r: number, fill: string): string {
  const pts = [...Array(10).keys()].map((i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.42 : r;
    return `${n(cx + rr * Math.cos(a))},${n(cy + rr * Math.sin(a))}`;
  });
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

export const FRAMES: DemoFrame[] = [
  {
    id: 'stamp',
    name: { zh: '邮票', en: 'Stamp' },
    window: { x: 96, y: 96, w: 1556, h: 989 },
    svg() {
      const win = this.window;
      // Perforations: transparent half-circles cut into the cream edge, as on a sheet of stamps.
      const holes = [
        ...[...Array(36).keys()].map((i) => circle(24 + i * 48.6, 0, 16, '#000')),
        ...[...Array(36).keys()].map((i) => circle(24 + i * 48.6, CARD_H, 16, '#000')),
        ...[...Array(25).keys()].map((i) => circle(0, 24 + i * 47.3, 16, '#000')),
        ...[...Array(25).keys()].map((i) => circle(CARD_W, 24 + i * 47.3, 16, '#000')),
      ].join('');
      return doc(
        `<defs><mask id="perf"><rect width="${CARD_W}" height="${CARD_H}" fill="#fff"/>${holes.replaceAll('#000', 'black')}</mask></defs>` +
          `<g mask="url(#perf)">${border(win, C.paper)}<rect x="${win.x - 10}" y="${win.y - 10}" width="${win.w + 20}" height="${win.h + 20}" fill="none" stroke="${C.red}" stroke-width="6"/></g>` +
          `<text x="${CARD_W / 2}" y="${CARD_H - 34}" ${FONT} font-size="40" font-weight="700" fill="${C.red}" text-anchor="middle">明信片 · POSTCARD</text>` +
          demoMark(110, CARD_H - 38, C.ink),
      );
    },
  },
  {
    id: 'river',
    name: { zh: '江浪', en: 'River waves' },
    window: { x: 48, y: 48, w: 1652, h: 880 },
    svg() {
      const win = this.window;
      const waves = [0, 1, 2].map((i) => wave(60, 990 + i * 50, CARD_W - 120, 18, 120, i === 1 ? C.riverLight : C.white, 6)).join('');
      return doc(
        border(win, C.teal, 36) +
          waves +
          `<text x="${CARD_W / 2}" y="${CARD_H - 40}" ${FONT} font-size="46" font-weight="700" fill="${C.white}" text-anchor="middle" letter-spacing="6">杨浦滨江 · YANGPU RIVERSIDE</text>` +
          demoMark(70, 992 - 20, C.white),
      );
    },
  },
  {
    id: 'red-memory',
    name: { zh: '红色记忆', en: 'Red memory' },
    window: { x: 110, y: 170, w: 1528, h: 901 },
    svg() {
      const win = this.window;
      const corners = [
        [55, 55],
        [CARD_W - 55, 55],
        [55, CARD_H - 55],
        [CARD_W - 55, CARD_H - 55],
      ] as const;
      return doc(
        border(win, C.redDark) +
          `<rect x="${win.x - 18}" y="${win.y - 18}" width="${win.w + 36}" height="${win.h + 36}" fill="none" stroke="${C.ochre}" stroke-width="8"/>` +
          corners.map(([x, y]) => star(x, y, 30, C.ochre)).join('') +
          `<text x="${CARD_W / 2}" y="118" ${FONT} font-size="72" font-weight="700" fill="${C.lamp}" text-anchor="middle" letter-spacing="20">回首滨江</text>` +
          demoMark(130, CARD_H - 40, C.lamp),
      );
    },
  },
  {
    id: 'night-lights',
    name: { zh: '滨江夜色', en: 'Riverside lights' },
    window: { x: 70, y: 70, w: 1608, h: 860 },
    svg() {
      const win = this.window;
      // The bridge: two towers and cables across the bottom band (a stylised cable-stayed bridge).
      const base = 1080;
      const towers = [440, 1300]
        .map((x) => `<path d="M${x - 26},${base} L${x - 8},${base - 140} L${x + 8},${base - 140} L${x + 26},${base} Z" fill="${C.lamp}"/>`)
        .join('');
      const cables = [440, 1300]
        .flatMap((x) =>
          [-1, 1].flatMap((s) =>
            [1, 2, 3, 4].map(
              (k) => `<line x1="${x}" y1="${base - 130}" x2="${n(x + s * k * 95)}" y2="${base}" stroke="${C.lamp}" stroke-width="3"/>`,
            ),
          ),
        )
        .join('');
      const lights = [...Array(30).keys()].map((i) => circle(90 + i * 54, 962, 7, i % 3 ? C.lamp : C.white)).join('');
      return doc(
        border(win, C.nightTop, 28) +
          rect(0, base, CARD_W, 6, C.lamp) +
          towers +
          cables +
          lights +
          `<text x="${CARD_W / 2}" y="${CARD_H - 36}" ${FONT} font-size="40" fill="${C.white}" text-anchor="middle">杨浦大桥 · Yangpu Bridge</text>` +
          demoMark(80, CARD_H - 40, C.white),
      );
    },
  },
];
