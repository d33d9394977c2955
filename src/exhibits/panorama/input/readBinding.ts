import type { Binding } from '../../../../common/panoramaWheel';
import type { GamepadSnapshot } from './gamepadSnapshot';

/**
 * How far a bound button or pedal is pushed, 0..1. A missing button or axis (another device, a
 * wrong calibration) reads as released rather than throwing: the exhibit keeps working by touch.
 */
export function bindingAmount(binding: Binding | null, pad: GamepadSnapshot | null): number {
  if (!binding || !pad) return 0;
  if (binding.kind === 'button') {
    const b = pad.buttons[binding.index];
    if (!b) return 0;
    if (b.pressed) return 1;
    return Number.isFinite(b.value) ? Math.max(0, Math.min(1, b.value)) : 0;
  }
  const v = pad.axes[binding.index];
  if (v === undefined || !Number.isFinite(v)) return 0;
  return Math.max(0, Math.min(1, (v - binding.rest) / (binding.full - binding.rest)));
}

/** Pressed: a button the browser reports pressed or at half travel; a pedal past its threshold. */
export function bindingPressed(binding: Binding | null, pad: GamepadSnapshot | null): boolean {
  if (!binding || !pad) return false;
  if (binding.kind === 'button') {
    const b = pad.buttons[binding.index];
    return !!b && (b.pressed || b.value >= 0.5);
  }
  return bindingAmount(binding, pad) >= binding.threshold;
}
