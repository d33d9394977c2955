import { describe, expect, it } from 'vitest';
import { KEY_PAN_DEG, keyCommand } from '../../../../../src/exhibits/panorama/input/keyboardCommand';

describe('keyCommand', () => {
  it('maps arrows to panning, PageUp/PageDown and W/S to travel, Enter to select, +/- to zoom, Escape to close', () => {
    expect(keyCommand('ArrowLeft')).toEqual({ kind: 'pan', dYaw: -KEY_PAN_DEG, dPitch: 0 });
    expect(keyCommand('ArrowUp')).toEqual({ kind: 'pan', dYaw: 0, dPitch: KEY_PAN_DEG });
    for (const k of ['PageUp', 'w', 'W']) expect(keyCommand(k)).toEqual({ kind: 'travel', dir: 1 });
    for (const k of ['PageDown', 's', 'S']) expect(keyCommand(k)).toEqual({ kind: 'travel', dir: -1 });
    expect(keyCommand('Enter')).toEqual({ kind: 'select' });
    expect((keyCommand('+') as { factor: number }).factor).toBeLessThan(1);
    expect((keyCommand('-') as { factor: number }).factor).toBeGreaterThan(1);
    expect(keyCommand('Escape')).toEqual({ kind: 'close' });
  });
  it('ignores other keys', () => {
    for (const k of ['a', ' ', 'Tab', 'F5']) expect(keyCommand(k)).toBeNull();
  });
});
