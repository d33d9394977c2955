import type { WheelMapping } from '../../../../common/panoramaWheel';
import { applyDeadZone } from './deadZone';
import { DriftFilter } from './driftFilter';
import { ExpSmoother } from './expSmoother';
import type { GamepadSnapshot } from './gamepadSnapshot';
import { bindingAmount, bindingPressed } from './readBinding';

/** What the viewer needs from the wheel on one frame. */
export interface WheelFrame {
  /** Wheel position after centre, inversion, dead zone and smoothing: -1 (full left) .. 1 (full right). */
  steer: number;
  /** Pan rate in degrees per second, positive to the right; follows the angle (|steer|^response x sensitivity). */
  panDegPerSec: number;
  /** Forward minus back pedal travel, -1..1: the viewer travels along the route while it is not 0. */
  travel: number;
  forwardHeld: boolean;
  backHeld: boolean;
  /** True only on the frame a press starts (edge-triggered), so holding a button acts once. */
  forwardPressed: boolean;
  backPressed: boolean;
  selectPressed: boolean;
  /** Real input by a visitor (turning, a press, a pedal): resets the idle timeout. Drift never does. */
  active: boolean;
  /** The wheel's calibrated position before the dead zone (-1..1): inside ±deadZone it does not pan. */
  offset: number;
  /** How far the calibrated axis moved within the drift window; more than the drift threshold counts as a visitor. */
  driftSpan: number;
}

/**
 * The steering wheel's mapping as pure logic: feed it a Gamepad snapshot (or null when no wheel is
 * connected) and the time on every animation frame. Configured by common/panoramaWheel.ts.
 */
export class WheelMapper {
  private readonly smoother: ExpSmoother;
  private readonly drift: DriftFilter;
  private was = { forward: false, back: false, select: false };

  constructor(private readonly mapping: WheelMapping) {
    this.smoother = new ExpSmoother(mapping.steer.smoothingMs);
    this.drift = new DriftFilter(mapping.drift.threshold, mapping.drift.windowMs);
  }

  /** The wheel's calibrated position (centre and inversion applied), before the dead zone: for the calibration screen. */
  calibratedSteer(pad: GamepadSnapshot | null): number {
    const raw = pad?.axes[this.mapping.steer.axis];
    if (raw === undefined || !Number.isFinite(raw)) return 0;
    const v = raw - this.mapping.steer.centre;
    return Math.max(-1, Math.min(1, this.mapping.steer.invert ? -v : v));
  }

  update(pad: GamepadSnapshot | null, nowMs: number): WheelFrame {
    const m = this.mapping;
    const calibrated = this.calibratedSteer(pad);
    const smoothed = this.smoother.update(applyDeadZone(calibrated, m.steer.deadZone), nowMs);
    // The smoothed value only approaches 0 exponentially: snap it, or a released wheel would creep the view forever.
    const steer = Math.abs(smoothed) < 1e-3 ? 0 : smoothed;
    const turned = pad ? this.drift.update(calibrated, nowMs) : false;
    if (!pad) this.drift.reset();
    const held = { forward: bindingPressed(m.forward, pad), back: bindingPressed(m.back, pad), select: bindingPressed(m.select, pad) };
    const edge = (k: keyof typeof held): boolean => held[k] && !this.was[k];
    const frame: WheelFrame = {
      steer,
      panDegPerSec: Math.sign(steer) * Math.abs(steer) ** m.steer.response * m.steer.maxPanDegPerSec,
      travel: (held.forward ? bindingAmount(m.forward, pad) : 0) - (held.back ? bindingAmount(m.back, pad) : 0),
      forwardHeld: held.forward,
      backHeld: held.back,
      forwardPressed: edge('forward'),
      backPressed: edge('back'),
      selectPressed: edge('select'),
      active: turned || held.forward || held.back || held.select,
      offset: calibrated,
      driftSpan: this.drift.span,
    };
    this.was = held;
    return frame;
  }
}
