import { describe, expect, it } from 'vitest';
import { TouchLook, type LookTarget } from '../../../../../src/exhibits/panorama/input/touchLook';

function target() {
  const log = { rot: [0, 0] as [number, number], zoom: 1, taps: [] as [number, number][] };
  const t: LookTarget = {
    degPerPx: () => 0.1,
    rotateBy: (y, p) => {
      log.rot[0] += y;
      log.rot[1] += p;
    },
    zoomBy: (f) => (log.zoom *= f),
    tap: (x, y) => log.taps.push([x, y]),
  };
  return { t, log };
}

describe('TouchLook', () => {
  it('drags the picture with one finger: right drag turns the view left, down drag tilts up', () => {
    const { t, log } = target();
    const look = new TouchLook(t);
    look.down(1, 500, 500, 0);
    look.move(1, 600, 550);
    look.move(1, 700, 550);
    look.up(1, 700, 550, 300);
    expect(log.rot[0]).toBeCloseTo(-20, 6);
    expect(log.rot[1]).toBeCloseTo(5, 6);
    expect(log.taps).toEqual([]);
  });

  it('pinches with two fingers: apart zooms in, together zooms out, and is never a tap', () => {
    const { t, log } = target();
    const look = new TouchLook(t);
    look.down(1, 400, 500, 0);
    look.down(2, 600, 500, 10);
    look.move(2, 800, 500);
    expect(log.zoom).toBeCloseTo(0.5, 6);
    look.move(2, 600, 500);
    expect(log.zoom).toBeCloseTo(1, 6);
    look.up(2, 600, 500, 100);
    look.up(1, 400, 500, 120);
    expect(log.taps).toEqual([]);
    expect(log.rot).toEqual([0, 0]);
  });

  it('calls a short still touch a tap, but not a long press or a drag', () => {
    const { t, log } = target();
    const look = new TouchLook(t);
    look.down(1, 100, 100, 0);
    look.up(1, 104, 103, 200);
    look.down(1, 100, 100, 1000);
    look.up(1, 100, 100, 2000);
    look.down(1, 100, 100, 3000);
    look.move(1, 150, 100);
    look.up(1, 150, 100, 3100);
    expect(log.taps).toEqual([[104, 103]]);
  });

  it('forgets a cancelled pointer and ignores moves of unknown pointers', () => {
    const { t, log } = target();
    const look = new TouchLook(t);
    look.move(9, 10, 10);
    look.down(1, 100, 100, 0);
    look.cancel(1);
    look.up(1, 100, 100, 50);
    expect(log.taps).toEqual([]);
    expect(log.rot).toEqual([0, 0]);
  });
});
