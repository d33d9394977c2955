/**
 * What the panorama exhibit's Vue code may ask of the 3D scene (implemented by PanoramaScene.ts, a
 * plain class: the Vue component only mounts it and calls destroy()). Angles in degrees, in the
 * pack's convention (common/pack/panoramaSection.ts): yaw 0 = the equirectangular image's centre
 * column, positive to the right; pitch 0 = horizon, positive up.
 */
export interface SceneView {
  yaw: number;
  pitch: number;
  /** Vertical field of view in degrees (zoom). */
  fov: number;
}

export interface SceneNode {
  id: string;
  /** URL of the equirectangular image (the pack's /pack/ route). */
  imageUrl: string;
}

/** One building's outline as seen from the node being shown. */
export interface SceneOutline {
  buildingId: string;
  points: { yaw: number; pitch: number }[];
}

export interface SceneStats {
  /** renderer.info.memory.textures / .geometries and renderer.info.programs.length. */
  textures: number;
  geometries: number;
  programs: number;
  /** Textures held by the preload cache (included in `textures` once uploaded). */
  cached: number;
}

export interface PanoramaSceneOptions {
  /** The element the canvas is appended to (the scene follows its size). */
  container: HTMLElement;
  /** Cross-fade duration between nodes; 0 switches at once. Default 600. */
  fadeMs?: number;
  /** Preloaded node images kept besides the current one. Default 3. */
  cacheSize?: number;
  fovRange?: { min: number; max: number };
}

export interface PanoramaSceneApi {
  /**
   * Shows a node (cross-fading from the current one) looking at `view`. Resolves once the new node is fully shown.
   * Rejects if its image fails.
   */
  showNode(node: SceneNode, outlines: SceneOutline[], view?: Partial<SceneView>): Promise<void>;
  /**
   * Loads these nodes' images ahead (in the order given: next in the direction of travel first); evicts and disposes
   * what falls out of the cache.
   */
  preload(nodes: SceneNode[]): void;
  getView(): SceneView;
  /** Sets the view (clamped: pitch -85..85, fov to fovRange, yaw wrapped to -180..180). */
  setView(view: Partial<SceneView>): void;
  rotateBy(dYaw: number, dPitch: number): void;
  /** Multiplies the field of view (factor < 1 zooms in). */
  zoomBy(factor: number): void;
  /** Outline drawn highlighted (others drawn faintly); null: none. */
  setHighlight(buildingId: string | null): void;
  /** Building whose outline contains the point under these client coordinates, or null. */
  buildingAt(clientX: number, clientY: number): string | null;
  /** The building whose outline's centre is nearest the view centre, among those at least partly in view; null if none. */
  nearestBuilding(): string | null;
  /** Called after every rendered frame with its requestAnimationFrame timestamp; returns an unsubscribe function. */
  onFrame(listener: (timestamp: number) => void): () => void;
  stats(): SceneStats;
  /** Stops the loop, disposes every geometry, material, texture and render target, removes the canvas and every listener. Idempotent. */
  destroy(): void;
}
