import { describe, expect, it } from 'vitest';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { MIN_RING_RADIUS_PX, placeHotspots } from '../../../../src/exhibits/history/panelLayout';

const panel = historyManifest().history!.panel!;

describe('placeHotspots', () => {
  it('places hotspots through the full-screen default calibration', () => {
    const full = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 0, y: 1 },
    ] as const;
    const [gate, crane] = placeHotspots(panel, [...full] as never, 1920, 1080);
    expect(gate).toMatchObject({ id: 'gate', x: 480, y: 540 });
    expect(crane).toMatchObject({ id: 'crane', x: 1440, y: 270 });
    // 0.05 of the print width: 96 px across, 0.05 * 2 (aspect) of the height: 108 px down -> mean 102.
    expect(gate!.r).toBeCloseTo(102);
  });

  it('follows a calibrated (moved and shrunk) print, with a minimum ring size', () => {
    const corners = [
      { x: 0.5, y: 0.5 },
      { x: 0.6, y: 0.5 },
      { x: 0.6, y: 0.6 },
      { x: 0.5, y: 0.6 },
    ];
    const [gate] = placeHotspots(panel, corners as never, 1000, 1000);
    expect(gate!.x).toBeCloseTo(525);
    expect(gate!.y).toBeCloseTo(550);
    expect(gate!.r).toBe(MIN_RING_RADIUS_PX);
  });
});
