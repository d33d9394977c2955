/**
 * The demo narrator figure: a simple line-drawn guide in a glowing cyan on a transparent background (on black, as on
 * a rear-projection film or a Pepper's-ghost glass, only the figure shows). One SVG per frame: the figure breathes,
 * its mouth opens and closes as if speaking, and its arms follow the clip's gesture. Pure drawing, no randomness, so
 * reruns give the same frames.
 */
export type Gesture = 'wave' | 'point' | 'open';

export const FIGURE_W = 240;
export const FIGURE_H = 320;

const GLOW = '#7fe7ff';
const FILL = '#0d4a5c';

/** An arm from the shoulder (sx, sy): upper arm at `a1` degrees from straight down, forearm at `a2`, lengths 44 / 40. */
function arm(sx: number, sy: number, a1: number, a2: number): string {
  const rad = (d: number) => (d * Math.PI) / 180;
  const ex = sx + 44 * Math.sin(rad(a1));
  const ey = sy + 44 * Math.cos(rad(a1));
  const hx = ex + 40 * Math.sin(rad(a2));
  const hy = ey + 40 * Math.cos(rad(a2));
  return `<path d="M${sx} ${sy} L${ex.toFixed(1)} ${ey.toFixed(1)} L${hx.toFixed(1)} ${hy.toFixed(1)}" /><circle cx="${hx.toFixed(1)}" cy="${hy.toFixed(1)}" r="6" fill="${FILL}" />`;
}

/** Arm angles (left, right: upper, fore) at phase `p` (0..1 over the loop) for a gesture. */
function arms(gesture: Gesture, p: number): [number, number, number, number] {
  const s = Math.sin(2 * Math.PI * p);
  switch (gesture) {
    case 'wave':
      // The right arm up, the forearm waving.
      return [-12, -8, 150, 150 + 25 * s];
    case 'point':
      // The right arm pointing out to the side, a slight rise and fall.
      return [-10, -5, 95 + 6 * s, 100 + 6 * s];
    case 'open':
      // Both arms opening and closing, as in "look around".
      return [-(35 + 15 * s), -(60 + 20 * s), 35 + 15 * s, 60 + 20 * s];
  }
}

/** Frame `i` of `n` of the figure speaking with `gesture`. */
export function figureFrameSvg(gesture: Gesture, i: number, n: number): string {
  const p = i / n;
  const bob = 2 * Math.sin(2 * Math.PI * p);
  // The mouth opens about four times per second at 10 frames per second (a syllable-like rhythm).
  const mouth = [2, 7, 4, 9, 3, 6][i % 6]!;
  const [l1, l2, r1, r2] = arms(gesture, p);
  const cx = FIGURE_W / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_W}" height="${FIGURE_H}" viewBox="0 0 ${FIGURE_W} ${FIGURE_H}">
<g transform="translate(0 ${bob.toFixed(2)})" fill="none" stroke="${GLOW}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">
<path d="M${cx - 46} 300 L${cx - 36} 150 Q${cx} 136 ${cx + 36} 150 L${cx + 46} 300 Z" fill="${FILL}" />
<path d="M${cx} 160 L${cx} 290" stroke-width="2" opacity="0.6" />
${arm(cx - 34, 156, l1, l2)}
${arm(cx + 34, 156, r1, r2)}
<circle cx="${cx}" cy="96" r="40" fill="${FILL}" />
<path d="M${cx - 40} 88 Q${cx} 40 ${cx + 40} 88" stroke-width="7" />
<circle cx="${cx - 14}" cy="94" r="4" fill="${GLOW}" />
<circle cx="${cx + 14}" cy="94" r="4" fill="${GLOW}" />
<ellipse cx="${cx}" cy="116" rx="9" ry="${(mouth / 2).toFixed(1)}" fill="${GLOW}" stroke-width="2" />
<path d="M${cx - 50} 306 L${cx + 50} 306" stroke-width="3" opacity="0.5" />
</g>
</svg>`;
}
