/**
 * The demo pack's panorama part: renders the nodes' equirectangular pictures (renderPanoramas.ts),
 * queues the then/now pictures and the route map as SVG -> PNG jobs, and assembles the manifest's
 * `panorama` section (format: common/pack/panoramaSection.ts) with outlines from outlines.ts.
 */
import { join } from 'node:path';
import { page } from '../svg/kit';
import { outlineFrom } from './outlines';
import { MAP_H, MAP_W, mapPoint, nowPicture, routeMapSvg, thenPicture } from './pictures';
import { renderPanoramas } from './renderPanoramas';
import { BUILDINGS, NODES, ROUTE_LENGTH_M, scenery, type Shape, type WorldBuilding } from './world';

/** Everything that can stand between a node and a building. */
function blockers(b: WorldBuilding): Shape[] {
  return [...scenery(), ...BUILDINGS.filter((other) => other !== b).flatMap((other) => other.shapes)];
}

/** 4096 x 2048 (each cube face 2048 px, twice the output's 1024 px per 90°, for antialiasing), JPEG quality 80. */
export const PANORAMA_RENDER = { width: 4096, faceSize: 2048, quality: 80 };

type QueuePng = (path: string, svg: string, colors?: number) => string;
const text = (b: { zh: string; en: string }): { 'zh-CN': string; en: string } => ({ 'zh-CN': b.zh, en: b.en });
const round4 = (v: number): number => Math.round(v * 10000) / 10000;

export interface PanoramaPart {
  section: Record<string, unknown>;
  paths: string[];
}

/** Queues the flat pictures on `png` (rendered later by the caller) and returns the section and its files. */
export function planPanorama(png: QueuePng): PanoramaPart & { nodeImages: { node: number; path: string }[] } {
  const routeMap = png('panorama/route-map.png', routeMapSvg(), 32);
  const nodeImages = NODES.map((node, i) => ({ node: i, path: `panorama/nodes/${node.id}.jpg` }));
  const buildings = BUILDINGS.map((b) => {
    const then = png(`panorama/buildings/${b.id}-then.png`, page(thenPicture(b.id), { outW: 1200 }), 48);
    const now = png(`panorama/buildings/${b.id}-now.png`, page(nowPicture(b.id), { outW: 1200 }), 64);
    const outlines = NODES.flatMap((node) => {
      const points = outlineFrom(node, b, blockers(b));
      return points ? [{ node: node.id, points }] : [];
    });
    if (!outlines.length) throw new Error(`demo-pack: building ${b.id} is visible from no node`);
    return {
      id: b.id,
      name: text(b.name),
      years: { built: b.built, ...(b.other ? { other: b.other.map((o) => ({ year: o.year, label: text(o.label) })) } : {}) },
      positionM: Math.round(Math.min(...b.shapes.map((s) => s.x))),
      outlines,
      then,
      now,
      text: text(b.text),
    };
  });
  const nodes = NODES.map((node, i) => {
    const p = mapPoint(node.positionM);
    const links = [NODES[i - 1]?.id, NODES[i + 1]?.id].filter((id): id is string => !!id);
    return {
      id: node.id,
      image: nodeImages[i]!.path,
      positionM: node.positionM,
      map: { x: round4(p.x / MAP_W), y: round4(p.y / MAP_H) },
      heading: node.heading,
      links,
      label: text(node.label),
    };
  });
  const section = { routeLengthM: ROUTE_LENGTH_M, routeMap, nodes, buildings };
  return { section, nodeImages, paths: [routeMap, ...nodeImages.map((n) => n.path), ...buildings.flatMap((b) => [b.then, b.now])] };
}

export async function renderPanoramaNodes(dir: string, nodeImages: { node: number; path: string }[]): Promise<void> {
  await renderPanoramas(
    nodeImages.map((n) => ({ node: n.node, out: join(dir, n.path) })),
    PANORAMA_RENDER,
  );
}
