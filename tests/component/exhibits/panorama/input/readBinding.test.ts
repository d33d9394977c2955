import { describe, expect, it } from 'vitest';
import { bindingAmount, bindingPressed } from '../../../../../src/exhibits/panorama/input/readBinding';

const pad = (axes: number[], buttons: [boolean, number][] = []) => ({
  axes,
  buttons: buttons.map(([pressed, value]) => ({ pressed, value })),
});

describe('bindingAmount / bindingPressed', () => {
  it('reads a button as pressed from the browser flag or half travel', () => {
    const b = { kind: 'button' as const, index: 1 };
    expect(
      bindingPressed(
        b,
        pad(
          [],
          [
            [false, 0],
            [true, 0],
          ],
        ),
      ),
    ).toBe(true);
    expect(
      bindingPressed(
        b,
        pad(
          [],
          [
            [false, 0],
            [false, 0.6],
          ],
        ),
      ),
    ).toBe(true);
    expect(
      bindingPressed(
        b,
        pad(
          [],
          [
            [false, 0],
            [false, 0.3],
          ],
        ),
      ),
    ).toBe(false);
    expect(
      bindingAmount(
        b,
        pad(
          [],
          [
            [false, 0],
            [false, 0.3],
          ],
        ),
      ),
    ).toBeCloseTo(0.3);
    expect(
      bindingAmount(
        b,
        pad(
          [],
          [
            [false, 0],
            [true, 0],
          ],
        ),
      ),
    ).toBe(1);
  });

  it('reads a pedal that rests at 1 and goes to -1, with its threshold', () => {
    const pedal = { kind: 'axis' as const, index: 2, rest: 1, full: -1, threshold: 0.25 };
    expect(bindingAmount(pedal, pad([0, 0, 1]))).toBe(0);
    expect(bindingAmount(pedal, pad([0, 0, 0]))).toBeCloseTo(0.5);
    expect(bindingAmount(pedal, pad([0, 0, -1]))).toBe(1);
    expect(bindingPressed(pedal, pad([0, 0, 0.6]))).toBe(false);
    expect(bindingPressed(pedal, pad([0, 0, 0.4]))).toBe(true);
  });

  it('reads missing buttons or axes, no binding and no pad as released', () => {
    expect(bindingPressed({ kind: 'button', index: 9 }, pad([], [[true, 1]]))).toBe(false);
    expect(bindingAmount({ kind: 'axis', index: 5, rest: 0, full: 1, threshold: 0.5 }, pad([1]))).toBe(0);
    expect(bindingPressed(null, pad([1], [[true, 1]]))).toBe(false);
    expect(bindingPressed({ kind: 'button', index: 0 }, null)).toBe(false);
  });
});
