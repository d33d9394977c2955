import type { Corners } from '../../../common/exhibitConfig';
import type { Panel } from '../../../common/pack/manifest';
import { apply, squareToQuad, type Matrix3, type Point } from './homography';

/** Smallest touch ring on screen, whatever the print's scale: elderly fingers are not precise. */
export const MIN_RING_RADIUS_PX = 44;

export interface PlacedHotspot {
  id: string;
  x: number;
  y: number;
  r: number;
}

/** The calibrated corners (fractions of the viewport) in screen px. */
export function cornersPx(corners: Corners, width: number, height: number): [Point, Point, Point, Point] {
  return corners.map((c) => ({ x: c.x * width, y: c.y * height })) as [Point, Point, Point, Point];
}

/**
 * Where each hotspot of the pack's print lands on this screen: its centre through the corner
 * mapping, its radius (a fraction of the print's width) as the mean of the mapped horizontal and
 * vertical radii, and never smaller than MIN_RING_RADIUS_PX.
 */
export function placeHotspots(panel: Panel, corners: Corners, width: number, height: number): PlacedHotspot[] {
  const m: Matrix3 = squareToQuad(cornersPx(corners, width, height));
  const aspect = panel.print.widthMm / panel.print.heightMm;
  return panel.hotspots.map((h) => {
    const c = apply(m, { x: h.x, y: h.y });
    const rx = apply(m, { x: h.x + h.radius, y: h.y });
    const ry = apply(m, { x: h.x, y: h.y + h.radius * aspect });
    const r = (Math.hypot(rx.x - c.x, rx.y - c.y) + Math.hypot(ry.x - c.x, ry.y - c.y)) / 2;
    return { id: h.id, x: c.x, y: c.y, r: Math.max(MIN_RING_RADIUS_PX, r) };
  });
}
