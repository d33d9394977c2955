import type { Panorama, PanoramaNode } from '../../../common/pack/manifest';
import type { SceneOutline } from './scene/PanoramaSceneApi';

/**
 * The route as a graph (common/pack/panoramaSection.ts): nodes in route order, each linked to its
 * neighbours. "Forward" is the linked neighbour further along the route (larger positionM), "back"
 * the one nearer its start; a fork (several links one way) takes the nearest.
 */
export type Direction = 1 | -1;

export function neighbour(p: Panorama, nodeId: string, dir: Direction): PanoramaNode | null {
  const here = p.nodes.find((n) => n.id === nodeId);
  if (!here) return null;
  let best: PanoramaNode | null = null;
  for (const id of here.links) {
    const n = p.nodes.find((x) => x.id === id);
    if (!n || Math.sign(n.positionM - here.positionM) !== dir) continue;
    if (!best || Math.abs(n.positionM - here.positionM) < Math.abs(best.positionM - here.positionM)) best = n;
  }
  return best;
}

/** The nodes to preload from `nodeId`, the next ones in the direction of travel first, then one behind. */
export function preloadOrder(p: Panorama, nodeId: string, dir: Direction, ahead = 2): PanoramaNode[] {
  const out: PanoramaNode[] = [];
  let at = nodeId;
  for (let i = 0; i < ahead; i++) {
    const n = neighbour(p, at, dir);
    if (!n) break;
    out.push(n);
    at = n.id;
  }
  const behind = neighbour(p, nodeId, dir === 1 ? -1 : 1);
  if (behind) out.push(behind);
  return out;
}

/** The node nearest a position along the route (a tap on the route strip). */
export function nearestNode(p: Panorama, positionM: number): PanoramaNode {
  let best = p.nodes[0] as PanoramaNode;
  for (const n of p.nodes) if (Math.abs(n.positionM - positionM) < Math.abs(best.positionM - positionM)) best = n;
  return best;
}

/**
 * The node whose map point is nearest a tap on the route map. `x`, `y` are fractions of the map
 * picture (like the nodes' `map` points); `aspect` is its shown width / height, so distances are
 * measured as the visitor sees them and not squeezed by a wide picture.
 */
export function nearestOnMap(p: Panorama, x: number, y: number, aspect: number): PanoramaNode {
  const d = (n: PanoramaNode): number => Math.hypot((n.map.x - x) * aspect, n.map.y - y);
  let best = p.nodes[0] as PanoramaNode;
  for (const n of p.nodes) if (d(n) < d(best)) best = n;
  return best;
}

/** Every building's outline as seen from this node (buildings not visible from it have none). */
export function outlinesAt(p: Panorama, nodeId: string): SceneOutline[] {
  const out: SceneOutline[] = [];
  for (const b of p.buildings) {
    const o = b.outlines.find((x) => x.node === nodeId);
    if (o) out.push({ buildingId: b.id, points: o.points.map((pt) => ({ yaw: pt.yaw, pitch: pt.pitch })) });
  }
  return out;
}

/** The centre direction of a building's outline from a node (the mean of its points), for the attract tour. */
export function outlineCentre(p: Panorama, nodeId: string, buildingId: string): { yaw: number; pitch: number } | null {
  const o = p.buildings.find((b) => b.id === buildingId)?.outlines.find((x) => x.node === nodeId);
  if (!o) return null;
  // Mean of unit vectors for yaw, so an outline across ±180° does not average to 0.
  let sx = 0;
  let sy = 0;
  let pitch = 0;
  for (const pt of o.points) {
    sx += Math.cos((pt.yaw * Math.PI) / 180);
    sy += Math.sin((pt.yaw * Math.PI) / 180);
    pitch += pt.pitch;
  }
  return { yaw: (Math.atan2(sy, sx) * 180) / Math.PI, pitch: pitch / o.points.length };
}
