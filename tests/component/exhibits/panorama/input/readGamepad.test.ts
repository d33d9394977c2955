import { describe, expect, it } from 'vitest';
import { listGamepads, readGamepad } from '../../../../../src/exhibits/panorama/input/readGamepad';

const pad = (index: number, connected = true) =>
  ({
    index,
    id: `pad ${index}`,
    mapping: '',
    connected,
    axes: [0.25 * index],
    buttons: [{ pressed: index === 1, value: index === 1 ? 1 : 0, touched: false }],
  }) as unknown as Gamepad;
const nav = (pads: (Gamepad | null)[]) => ({ getGamepads: () => pads });

describe('readGamepad', () => {
  it('copies the first connected pad, or the one asked for', () => {
    expect(readGamepad(nav([null, pad(1), pad(2)]))).toEqual({ axes: [0.25], buttons: [{ pressed: true, value: 1 }] });
    expect(readGamepad(nav([null, pad(1), pad(2)]), 2)?.axes).toEqual([0.5]);
  });
  it('is null without a pad, with a disconnected one, without the API, or when the API throws', () => {
    expect(readGamepad(nav([null, null]))).toBeNull();
    expect(readGamepad(nav([pad(0, false)]))).toBeNull();
    expect(readGamepad(undefined)).toBeNull();
    expect(
      readGamepad({
        getGamepads: () => {
          throw new Error('blocked by permissions policy');
        },
      }),
    ).toBeNull();
  });
  it('lists every connected pad for the calibration screen', () => {
    expect(listGamepads(nav([pad(0), null, pad(2, false), pad(3)])).map((p) => [p.index, p.id])).toEqual([
      [0, 'pad 0'],
      [3, 'pad 3'],
    ]);
  });
});
