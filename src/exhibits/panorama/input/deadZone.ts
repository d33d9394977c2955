/**
 * A centred dead zone that stays continuous: inside `deadZone` the output is 0, outside it the rest
 * of the travel is rescaled to 0..1 so that the view starts panning smoothly at the zone's edge
 * instead of jumping (the "scaled radial dead zone" of game input practice). Clamped to -1..1.
 */
export function applyDeadZone(value: number, deadZone: number): number {
  if (!Number.isFinite(value)) return 0;
  const v = Math.max(-1, Math.min(1, value));
  const mag = Math.abs(v);
  if (mag <= deadZone) return 0;
  return (Math.sign(v) * (mag - deadZone)) / (1 - deadZone);
}
