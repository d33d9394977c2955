/**
 * Where the calibration overlay puts its tool panel: the candidate spot that covers the fewest
 * hotspot rings and corner handles, so the operator always sees what they are lining up
 * (a panel fixed in the middle hid the rings of prints whose hotspots sit in the centre).
 */
export interface Circle {
  x: number;
  y: number;
  r: number;
}

export interface Placement {
  name: 'center' | 'top' | 'bottom' | 'left' | 'right';
  /** Top-left corner of the panel, px. */
  left: number;
  top: number;
}

/** Area of the circles (clipped by squares, close enough) that the rectangle covers: a covered ring counts more the more it is hidden. */
function coverage(left: number, top: number, w: number, h: number, circles: readonly Circle[]): number {
  let total = 0;
  for (const c of circles) {
    const ox = Math.max(0, Math.min(left + w, c.x + c.r) - Math.max(left, c.x - c.r));
    const oy = Math.max(0, Math.min(top + h, c.y + c.r) - Math.max(top, c.y - c.r));
    total += ox * oy;
  }
  return total;
}

export function placeTools(
  viewW: number,
  viewH: number,
  panelW: number,
  panelH: number,
  circles: readonly Circle[],
  margin = 24,
): Placement {
  const cx = (viewW - panelW) / 2;
  const cy = (viewH - panelH) / 2;
  const candidates: Placement[] = [
    { name: 'center', left: cx, top: cy },
    { name: 'top', left: cx, top: margin },
    { name: 'bottom', left: cx, top: viewH - panelH - margin },
    { name: 'left', left: margin, top: cy },
    { name: 'right', left: viewW - panelW - margin, top: cy },
  ];
  let best = candidates[0]!;
  let bestCover = Number.POSITIVE_INFINITY;
  // Ties keep the earlier candidate: the centre is where an operator looks first.
  for (const p of candidates) {
    const cover = coverage(p.left, p.top, panelW, panelH, circles);
    if (cover < bestCover - 1e-9) {
      best = p;
      bestCover = cover;
    }
  }
  return best;
}
