/**
 * Building outlines drawn over the panorama: every outline faint, the highlighted one bright and
 * thicker. WebGL draws 1-pixel lines whatever `linewidth` says, too thin for a large kiosk screen
 * seen from two metres, so the outlines are three.js's "fat lines" (screen-space quads:
 * https://threejs.org/docs/#examples/en/lines/LineSegments2). Points lie on a sphere inside the
 * panorama sphere, drawn after it without depth test, and each polygon edge is sampled every degree
 * (sphericalMath.densifyRing) so it follows the straight edge of the equirectangular picture.
 *
 * Hit testing (`buildingAt`, `nearest`) works on the yaw/pitch polygons, not on pixels.
 */
import { Group, type PerspectiveCamera, Vector3 } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { SceneOutline } from './PanoramaSceneApi';
import { angularDistance, densifyRing, pointInPolygon, polygonArea, polygonCentre, yawPitchToVector, type YawPitch } from './sphericalMath';

/** Inside the panorama sphere (radius 50) and beyond the camera's near plane. */
const OUTLINE_RADIUS = 40;

interface DrawnOutline {
  outline: SceneOutline;
  line: LineSegments2;
  area: number;
  centre: YawPitch;
  /** Points along the outline as unit vectors, for the in-view test. */
  ring: Vector3[];
}

export class OutlineOverlay {
  readonly group = new Group();
  private drawn: DrawnOutline[] = [];
  private highlight: string | null = null;
  private opacity = 1;
  private readonly faint = new LineMaterial({
    color: 0xffffff,
    linewidth: 2,
    transparent: true,
    opacity: 0.45,
    depthTest: false,
    depthWrite: false,
  });
  private readonly bright = new LineMaterial({
    color: 0xffd24a,
    linewidth: 5,
    transparent: true,
    opacity: 1,
    depthTest: false,
    depthWrite: false,
  });

  constructor() {
    this.group.renderOrder = 10;
  }

  /** Replaces the outlines (disposing the previous geometries). */
  setOutlines(outlines: SceneOutline[]): void {
    this.clear();
    for (const outline of outlines) {
      if (outline.points.length < 3)
        throw new Error(`outline of building "${outline.buildingId}" needs at least 3 points, got ${outline.points.length}`);
      const ring = densifyRing(outline.points, 1).map((p) => new Vector3(...yawPitchToVector(p.yaw, p.pitch)));
      const positions: number[] = [];
      ring.forEach((a, i) => {
        const b = ring[(i + 1) % ring.length]!;
        positions.push(
          a.x * OUTLINE_RADIUS,
          a.y * OUTLINE_RADIUS,
          a.z * OUTLINE_RADIUS,
          b.x * OUTLINE_RADIUS,
          b.y * OUTLINE_RADIUS,
          b.z * OUTLINE_RADIUS,
        );
      });
      const geometry = new LineSegmentsGeometry();
      geometry.setPositions(positions);
      const line = new LineSegments2(geometry, outline.buildingId === this.highlight ? this.bright : this.faint);
      line.renderOrder = outline.buildingId === this.highlight ? 12 : 11;
      // Its bounding sphere is around the viewer; never let frustum culling drop it.
      line.frustumCulled = false;
      this.group.add(line);
      this.drawn.push({ outline, line, area: polygonArea(outline.points), centre: polygonCentre(outline.points), ring });
    }
  }

  get buildingIds(): string[] {
    return this.drawn.map((d) => d.outline.buildingId);
  }

  setHighlight(buildingId: string | null): void {
    this.highlight = buildingId;
    for (const d of this.drawn) {
      const on = d.outline.buildingId === buildingId;
      d.line.material = on ? this.bright : this.faint;
      d.line.renderOrder = on ? 12 : 11;
    }
  }

  /** Fades the whole overlay with the panorama it belongs to (0..1). */
  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.faint.opacity = 0.45 * opacity;
    this.bright.opacity = opacity;
    this.group.visible = opacity > 0;
  }

  get currentOpacity(): number {
    return this.opacity;
  }

  /** LineMaterial widths are in pixels of this drawing-buffer size. */
  setResolution(width: number, height: number): void {
    this.faint.resolution.set(width, height);
    this.bright.resolution.set(width, height);
  }

  /** The building whose outline contains this direction; the smallest one when outlines nest (a tower in front of a hall). */
  buildingAt(direction: YawPitch): string | null {
    const hits = this.drawn.filter((d) => pointInPolygon(direction, d.outline.points)).sort((a, b) => a.area - b.area);
    return hits[0]?.outline.buildingId ?? null;
  }

  /** Among outlines at least partly in the camera's view, the one whose centre is nearest the view centre. */
  nearest(camera: PerspectiveCamera, viewCentre: YawPitch): string | null {
    const p = new Vector3();
    let best: { id: string; distance: number } | null = null;
    for (const d of this.drawn) {
      const inView =
        pointInPolygon(viewCentre, d.outline.points) ||
        d.ring.some((v) => {
          p.copy(v).applyMatrix4(camera.matrixWorldInverse);
          if (p.z >= 0) return false; // behind the camera
          p.applyMatrix4(camera.projectionMatrix);
          return Math.abs(p.x) <= 1 && Math.abs(p.y) <= 1;
        });
      if (!inView) continue;
      const distance = angularDistance(viewCentre, d.centre);
      if (!best || distance < best.distance) best = { id: d.outline.buildingId, distance };
    }
    return best?.id ?? null;
  }

  private clear(): void {
    for (const d of this.drawn) {
      this.group.remove(d.line);
      d.line.geometry.dispose();
    }
    this.drawn = [];
  }

  dispose(): void {
    this.clear();
    this.faint.dispose();
    this.bright.dispose();
    this.group.removeFromParent();
  }
}
