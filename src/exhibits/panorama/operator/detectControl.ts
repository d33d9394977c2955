import type { Binding } from '../../../../common/panoramaWheel';
import type { GamepadSnapshot } from '../input/gamepadSnapshot';

/**
 * "Detect" on the calibration screen: compare the pad now with the moment the operator pressed
 * Detect, and name what moved. Pedals are axes on most wheels (often resting at 1 and going to -1),
 * paddles and wheel buttons are buttons; both are found here.
 */
export const DETECT_AXIS_MOVE = 0.5;

/**
 * The axis turned furthest since `base` (by at least DETECT_AXIS_MOVE), and whether it went negative (turning right
 * gives negative: invert).
 */
export function detectSteer(base: GamepadSnapshot, now: GamepadSnapshot): { axis: number; invert: boolean } | null {
  let best: { axis: number; d: number } | null = null;
  now.axes.forEach((v, i) => {
    const d = v - (base.axes[i] ?? 0);
    if (Number.isFinite(d) && Math.abs(d) >= DETECT_AXIS_MOVE && (!best || Math.abs(d) > Math.abs(best.d))) best = { axis: i, d };
  });
  const b = best as { axis: number; d: number } | null;
  return b ? { axis: b.axis, invert: b.d < 0 } : null;
}

/** A button pressed since `base`, else an axis (not `skipAxis`, the steering) pushed by at least DETECT_AXIS_MOVE, as a binding. */
export function detectControl(base: GamepadSnapshot, now: GamepadSnapshot, skipAxis: number): Binding | null {
  const pressed = (b: { pressed: boolean; value: number } | undefined): boolean => !!b && (b.pressed || b.value >= 0.5);
  const button = now.buttons.findIndex((b, i) => pressed(b) && !pressed(base.buttons[i]));
  if (button >= 0) return { kind: 'button', index: button };
  let best: { index: number; rest: number; full: number } | null = null;
  now.axes.forEach((v, i) => {
    const rest = base.axes[i] ?? 0;
    if (i === skipAxis || !Number.isFinite(v) || Math.abs(v - rest) < DETECT_AXIS_MOVE) return;
    if (!best || Math.abs(v - rest) > Math.abs(best.full - best.rest)) best = { index: i, rest, full: v };
  });
  const a = best as { index: number; rest: number; full: number } | null;
  if (!a) return null;
  // Snap to the ends a pedal reaches when pushed fully (the operator may not push it all the way).
  const snap = (x: number): number => (Math.abs(x) > 0.8 ? Math.sign(x) : Math.round(x * 100) / 100);
  const rest = snap(a.rest);
  let full = a.full > rest ? 1 : -1;
  if (Math.abs(full - rest) < 0.2) full = -full;
  return { kind: 'axis', index: a.index, rest, full, threshold: 0.3 };
}
