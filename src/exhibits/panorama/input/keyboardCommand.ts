/**
 * Keyboard control of the panorama (a keyboard under the counter, or accessibility devices that
 * send keys): arrows pan and tilt, PageUp/W and PageDown/S travel, Enter selects, +/- zoom, Escape
 * closes. https://developer.mozilla.org/docs/Web/API/UI_Events/Keyboard_event_key_values
 */
export type KeyCommand =
  | { kind: 'pan'; dYaw: number; dPitch: number }
  | { kind: 'travel'; dir: 1 | -1 }
  | { kind: 'select' }
  | { kind: 'zoom'; factor: number }
  | { kind: 'close' };

export const KEY_PAN_DEG = 5;
export const KEY_ZOOM = 0.9;

export function keyCommand(key: string): KeyCommand | null {
  switch (key) {
    case 'ArrowLeft':
      return { kind: 'pan', dYaw: -KEY_PAN_DEG, dPitch: 0 };
    case 'ArrowRight':
      return { kind: 'pan', dYaw: KEY_PAN_DEG, dPitch: 0 };
    case 'ArrowUp':
      return { kind: 'pan', dYaw: 0, dPitch: KEY_PAN_DEG };
    case 'ArrowDown':
      return { kind: 'pan', dYaw: 0, dPitch: -KEY_PAN_DEG };
    case 'PageUp':
    case 'w':
    case 'W':
      return { kind: 'travel', dir: 1 };
    case 'PageDown':
    case 's':
    case 'S':
      return { kind: 'travel', dir: -1 };
    case 'Enter':
      return { kind: 'select' };
    case '+':
    case '=':
      return { kind: 'zoom', factor: KEY_ZOOM };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 1 / KEY_ZOOM };
    case 'Escape':
      return { kind: 'close' };
    default:
      return null;
  }
}
