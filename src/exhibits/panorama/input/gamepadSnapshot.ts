/**
 * The part of a Gamepad (https://w3c.github.io/gamepad/#dom-gamepad) the mapping reads, so the
 * logic runs without a DOM: the page copies `navigator.getGamepads()[i]` into this each frame, and
 * tests build it by hand.
 */
export interface GamepadSnapshot {
  axes: readonly number[];
  buttons: readonly { pressed: boolean; value: number }[];
}
