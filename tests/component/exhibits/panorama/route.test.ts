import { describe, expect, it } from 'vitest';
import { panoramaSection } from '../../../fixtures/panorama/panoramaManifest';
import { nearestNode, nearestOnMap, neighbour, outlineCentre, outlinesAt, preloadOrder } from '../../../../src/exhibits/panorama/route';

const p = panoramaSection();

describe('route', () => {
  it('finds the linked neighbour forward and back, and none past the ends', () => {
    expect(neighbour(p, 'b', 1)?.id).toBe('c');
    expect(neighbour(p, 'b', -1)?.id).toBe('a');
    expect(neighbour(p, 'a', -1)).toBeNull();
    expect(neighbour(p, 'd', 1)).toBeNull();
    expect(neighbour(p, 'nowhere', 1)).toBeNull();
  });

  it('takes the nearest branch at a fork', () => {
    const fork = {
      ...p,
      nodes: p.nodes.map((n) => (n.id === 'a' ? { ...n, links: ['b', 'c'] } : n.id === 'c' ? { ...n, links: ['a', 'b', 'd'] } : n)),
    };
    expect(neighbour(fork, 'a', 1)?.id).toBe('b');
  });

  it('preloads ahead in the direction of travel first, then the one behind', () => {
    expect(preloadOrder(p, 'b', 1).map((n) => n.id)).toEqual(['c', 'd', 'a']);
    expect(preloadOrder(p, 'c', -1).map((n) => n.id)).toEqual(['b', 'a', 'd']);
    expect(preloadOrder(p, 'd', 1).map((n) => n.id)).toEqual(['c']);
  });

  it('finds the node nearest a point on the route', () => {
    expect(nearestNode(p, 0).id).toBe('a');
    expect(nearestNode(p, 460).id).toBe('b');
    expect(nearestNode(p, 480).id).toBe('c');
    expect(nearestNode(p, 5000).id).toBe('d');
  });

  it('finds the node nearest a tap on the route map, measuring as the map is shown', () => {
    expect(nearestOnMap(p, 0.02, 0.9, 1).id).toBe('a');
    expect(nearestOnMap(p, 0.7, 0.5, 1).id).toBe('c');
    expect(nearestOnMap(p, 1.0, 0.0, 1).id).toBe('d');
    // One node above the tap, one a little to the side: on a square map the side one is nearer,
    // on a map shown six times as wide as high the "little" sideways step is long on screen.
    const q = {
      ...p,
      nodes: [
        { ...p.nodes[0]!, map: { x: 0.5, y: 0.1 } },
        { ...p.nodes[1]!, map: { x: 0.58, y: 0.5 } },
      ],
    };
    expect(nearestOnMap(q, 0.5, 0.5, 1).id).toBe(q.nodes[1]!.id);
    expect(nearestOnMap(q, 0.5, 0.5, 6).id).toBe(q.nodes[0]!.id);
  });

  it('gives the outlines seen from a node, and an outline centre that survives the ±180° seam', () => {
    expect(outlinesAt(p, 'a').map((o) => o.buildingId)).toEqual(['warehouse']);
    expect(outlinesAt(p, 'c')).toEqual([]);
    expect(outlineCentre(p, 'b', 'warehouse')?.yaw).toBeCloseTo(30, 6);
    const seam = {
      ...p,
      buildings: [
        {
          ...p.buildings[0]!,
          outlines: [
            {
              node: 'a',
              points: [
                { yaw: 170, pitch: 0 },
                { yaw: -170, pitch: 0 },
                { yaw: -170, pitch: 10 },
                { yaw: 170, pitch: 10 },
              ],
            },
          ],
        },
      ],
    };
    expect(Math.abs(outlineCentre(seam, 'a', 'warehouse')!.yaw)).toBeCloseTo(180, 6);
    expect(outlineCentre(p, 'c', 'warehouse')).toBeNull();
  });
});
