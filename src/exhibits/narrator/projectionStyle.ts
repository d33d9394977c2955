import type { NarratorProjection } from '../../../common/narratorSettings';

/**
 * The CSS transform that lays the narrator onto its projection: turned (clockwise, for a screen on its side), flipped
 * (a Pepper's-ghost glass shows a mirror image) and scaled. Flip before turn, so that "horizontal" always means the
 * figure's own left and right.
 */
export function projectionTransform(p: NarratorProjection): string {
  const flip = p.mirror === 'horizontal' ? ' scaleX(-1)' : p.mirror === 'vertical' ? ' scaleY(-1)' : '';
  return `rotate(${p.rotate}deg) scale(${p.scale})${flip}`;
}

/**
 * The black level as a linear transfer (an SVG feComponentTransfer): levels at or below `blackLevel` become 0 and the
 * rest is stretched so that white stays white (https://www.w3.org/TR/filter-effects-1/#feComponentTransferElement).
 */
export function blackLevelTransfer(blackLevel: number): { slope: number; intercept: number } {
  const slope = 1 / (1 - blackLevel);
  return { slope, intercept: -blackLevel * slope };
}
