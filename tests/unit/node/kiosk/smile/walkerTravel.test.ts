import { describe, expect, it } from 'vitest';
import { walkerFrames, walkerTravel } from '../../../../../node/kiosk/smile/walkerTravel';

describe('walkerTravel', () => {
  const width = 200;

  it('moves a walker at its speed, across the frame and its own size in walkerFrames', () => {
    const v = { size: 40, speed: 10, startFrame: 5 };
    expect(walkerTravel(v, 5, width)).toBe(0);
    expect(walkerTravel(v, 8, width)).toBe(30);
    expect(walkerFrames(v, width)).toBe(25); // (200 + 40) / 10 + 1
  });

  it('stands a stopper with its face centred for stopFrames, then walks on', () => {
    const v = { size: 40, speed: 10, startFrame: 0, stopFrames: 30 };
    const stopAt = (width + 40) / 2; // the leading edge 20 px past the centre line: the face centred
    expect(walkerTravel(v, 12, width)).toBe(stopAt);
    expect(walkerTravel(v, 41, width)).toBe(stopAt);
    expect(walkerTravel(v, 42, width)).toBe(stopAt);
    expect(walkerTravel(v, 43, width)).toBe(stopAt + 10);
    expect(walkerFrames(v, width)).toBe(25 + 30);
    expect(walkerTravel(v, walkerFrames(v, width) - 1, width)).toBeGreaterThanOrEqual(width + 40);
  });

  it('brings a peeker in to its share of the face and back out the same side', () => {
    const v = { size: 40, speed: 4, startFrame: 0, peek: 0.5 };
    const travel = Array.from({ length: walkerFrames(v, width) }, (_, i) => walkerTravel(v, i, width));
    expect(Math.max(...travel)).toBe(20);
    expect(travel.at(-1)!).toBeLessThanOrEqual(0);
    expect(travel.filter((t) => t > 0).length).toBeGreaterThan(5);
  });
});
