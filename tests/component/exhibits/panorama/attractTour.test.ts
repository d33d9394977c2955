import { describe, expect, it } from 'vitest';
import { AttractTour } from '../../../../src/exhibits/panorama/attractTour';

const opts = { idleMs: 20_000, dwellMs: 10_000, panDegPerSec: 5 };

describe('AttractTour', () => {
  it('starts touring only after the idle time without input, then hops every dwell', () => {
    const tour = new AttractTour(opts);
    expect(tour.tick(0).touring).toBe(false);
    expect(tour.tick(19_999).touring).toBe(false);
    const start = tour.tick(20_000);
    expect(start).toMatchObject({ touring: true, started: true, hop: false, panDegPerSec: 5 });
    expect(tour.tick(25_000)).toMatchObject({ touring: true, started: false, hop: false });
    expect(tour.tick(30_000).hop).toBe(true);
    expect(tour.tick(30_016).hop).toBe(false);
    expect(tour.tick(40_000).hop).toBe(true);
  });

  it('stops at the first real input and waits the whole idle time again', () => {
    const tour = new AttractTour(opts);
    tour.tick(0);
    expect(tour.tick(21_000).touring).toBe(true);
    tour.input(22_000);
    expect(tour.tick(22_016)).toMatchObject({ touring: false, panDegPerSec: 0 });
    expect(tour.tick(41_000).touring).toBe(false);
    expect(tour.tick(42_000).touring).toBe(true);
  });

  it('does not start while held (a visitor reading), but counts from when the hold ends', () => {
    const tour = new AttractTour(opts);
    tour.tick(0);
    expect(tour.tick(50_000, true).touring).toBe(false);
    expect(tour.tick(50_100).touring).toBe(false);
    expect(tour.tick(69_000).touring).toBe(false);
    expect(tour.tick(70_000).touring).toBe(true);
  });

  it('starts over after reset', () => {
    const tour = new AttractTour(opts);
    tour.tick(0);
    tour.tick(20_000);
    tour.reset();
    expect(tour.active).toBe(false);
    expect(tour.tick(100_000).touring).toBe(false);
    expect(tour.tick(120_000).touring).toBe(true);
  });
});
