import type { GamepadSnapshot } from './gamepadSnapshot';

/**
 * The wheel as a snapshot, polled on every animation frame (the Gamepad API has no change events
 * for axes: https://w3c.github.io/gamepad/#dom-navigator-getgamepads). Takes the first connected
 * pad, or pad `index` when given; null when none (or the API is missing, or refused by policy).
 */
export function readGamepad(nav: Pick<Navigator, 'getGamepads'> | undefined, index?: number): GamepadSnapshot | null {
  let pads: (Gamepad | null)[];
  try {
    pads = nav?.getGamepads ? [...nav.getGamepads()] : [];
  } catch {
    return null;
  }
  const pad = index === undefined ? pads.find((p) => p?.connected) : pads[index];
  if (!pad || !pad.connected) return null;
  return { axes: [...pad.axes], buttons: pad.buttons.map((b) => ({ pressed: b.pressed, value: b.value })) };
}

/** Every connected pad, for the operator's calibration screen. */
export function listGamepads(
  nav: Pick<Navigator, 'getGamepads'> | undefined,
): { index: number; id: string; mapping: string; snapshot: GamepadSnapshot }[] {
  let pads: (Gamepad | null)[];
  try {
    pads = nav?.getGamepads ? [...nav.getGamepads()] : [];
  } catch {
    return [];
  }
  return pads
    .filter((p): p is Gamepad => !!p && p.connected)
    .map((p) => ({
      index: p.index,
      id: p.id,
      mapping: p.mapping,
      snapshot: { axes: [...p.axes], buttons: p.buttons.map((b) => ({ pressed: b.pressed, value: b.value })) },
    }));
}
