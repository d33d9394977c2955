/**
 * The riverside panorama viewer: three.js used directly (why not Photo Sphere Viewer: see
 * the README's panorama section). A plain class; the Vue component mounts it and calls destroy().
 *
 * - Two spheres share one geometry; a node change paints the new picture on the back one and fades
 *   it in over the old (opacity uniforms), then the roles swap.
 * - Pictures come from a small LRU cache (textureCache.ts) that decodes off the main thread and
 *   uploads to the GPU as soon as decoded (renderer.initTexture), so a preloaded node switches
 *   without a stall; evicted pictures are disposed at once, keeping GPU memory flat.
 * - Rendering is on demand (onDemandLoop.ts): a frame is drawn only when the view changed or a
 *   fade runs.
 * - A lost WebGL context (driver reset, GPU process crash) stops drawing; on restore three.js
 *   re-creates its GL state and the cached pictures are uploaded again
 *   (https://threejs.org/docs/#api/en/renderers/WebGLRenderer.forceContextLoss).
 */
import { Mesh, PerspectiveCamera, Scene, SphereGeometry, Vector3, WebGLRenderer } from 'three';
import { OnDemandLoop } from './onDemandLoop';
import { OutlineOverlay } from './outlineOverlay';
import { createPanoramaMaterial, type PanoramaMaterial } from './panoramaMaterial';
import type { PanoramaSceneApi, PanoramaSceneOptions, SceneNode, SceneOutline, SceneStats, SceneView } from './PanoramaSceneApi';
import { clampView, vectorToYawPitch, yawPitchToVector } from './sphericalMath';
import { TextureCache } from './textureCache';

const PITCH_LIMIT = 85;

interface Shown {
  url: string;
  unpin: () => void;
}

interface Fade {
  start: number | null;
  durationMs: number;
  from: Shown | null;
}

export class PanoramaScene implements PanoramaSceneApi {
  private readonly container: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(75, 1, 0.1, 200);
  // Coarse is enough: the shader computes the picture coordinate per pixel (panoramaMaterial.ts).
  private readonly geometry = new SphereGeometry(50, 32, 16);
  private front: Mesh<SphereGeometry, PanoramaMaterial>;
  private back: Mesh<SphereGeometry, PanoramaMaterial>;
  private readonly outlines = new OutlineOverlay();
  private readonly cache: TextureCache;
  private readonly fadeMs: number;
  private readonly fovRange: { min: number; max: number };
  private view: SceneView = { yaw: 0, pitch: 0, fov: 75 };
  private shown: Shown | null = null;
  private fade: Fade | null = null;
  private showToken = 0;
  private readonly loop = new OnDemandLoop((t) => this.draw(t));
  private contextLost = false;
  private destroyed = false;
  private readonly resizeObserver: ResizeObserver;

  constructor(options: PanoramaSceneOptions) {
    this.container = options.container;
    this.fadeMs = options.fadeMs ?? 600;
    this.fovRange = options.fovRange ?? { min: 30, max: 100 };
    if (!(this.fadeMs >= 0)) throw new Error(`PanoramaScene: fadeMs must be >= 0, got ${options.fadeMs}`);
    if (!(this.fovRange.min > 0 && this.fovRange.max >= this.fovRange.min && this.fovRange.max < 180))
      throw new Error(`PanoramaScene: bad fovRange ${JSON.stringify(this.fovRange)}`);
    this.view.fov = Math.min(this.fovRange.max, Math.max(this.fovRange.min, this.view.fov));

    this.canvas = document.createElement('canvas');
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    this.canvas.style.height = '100%';
    this.canvas.style.touchAction = 'none';
    // No antialias: the picture is a texture (nothing to antialias) and MSAA would quadruple the colour buffer.
    this.renderer = new WebGLRenderer({ canvas: this.canvas, antialias: false, alpha: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    this.container.appendChild(this.canvas);

    this.front = new Mesh(this.geometry, createPanoramaMaterial());
    this.back = new Mesh(this.geometry, createPanoramaMaterial());
    for (const m of [this.front, this.back]) {
      m.visible = false;
      m.frustumCulled = false;
      this.scene.add(m);
    }
    this.scene.add(this.outlines.group);

    this.cache = new TextureCache({
      capacity: options.cacheSize ?? 3,
      // Upload as soon as decoded so that showing a preloaded node does not stall on texImage2D.
      onReady: (texture) => {
        if (!this.destroyed && !this.contextLost) this.renderer.initTexture(texture);
      },
    });

    this.canvas.addEventListener('webglcontextlost', this.onContextLost);
    this.canvas.addEventListener('webglcontextrestored', this.onContextRestored);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.container);
    this.resize();
  }

  async showNode(node: SceneNode, outlines: SceneOutline[], view?: Partial<SceneView>): Promise<void> {
    if (this.destroyed) throw new Error('PanoramaScene.showNode: the scene is destroyed');
    const token = ++this.showToken;
    const pin = this.cache.pin(node.imageUrl);
    const incoming: Shown = { url: node.imageUrl, unpin: pin.unpin };
    let texture;
    try {
      texture = await pin.texture;
    } catch (err) {
      incoming.unpin();
      if (this.destroyed || token !== this.showToken) return;
      throw err;
    }
    // Destroyed meanwhile, or a later showNode call won: this one is not shown.
    if (this.destroyed || token !== this.showToken) {
      incoming.unpin();
      return;
    }
    this.finishFade();
    this.outlines.setOutlines(outlines);
    if (view) this.setView(view);
    if (this.shown?.url === incoming.url) {
      incoming.unpin();
      this.outlines.setOpacity(1);
      return this.loop.whenSettled();
    }
    // The new picture goes on the back sphere, drawn over the front one and faded in.
    const from = this.shown;
    [this.front, this.back] = [this.back, this.front];
    this.front.material.uniforms.map.value = texture;
    this.front.renderOrder = 1;
    this.back.renderOrder = 0;
    this.front.visible = true;
    this.shown = incoming;
    this.fade = { start: null, durationMs: from ? this.fadeMs : 0, from };
    this.setFadeProgress(this.fade.durationMs > 0 ? 0 : 1);
    if (this.fade.durationMs === 0) this.finishFade();
    // Resolves once the fade has run to its end and that frame is drawn.
    return this.loop.whenSettled();
  }

  preload(nodes: SceneNode[]): void {
    if (this.destroyed) return;
    this.cache.preload(nodes.map((n) => n.imageUrl));
  }

  getView(): SceneView {
    return { ...this.view };
  }

  setView(view: Partial<SceneView>): void {
    this.view = clampView({ ...this.view, ...view }, { fovMin: this.fovRange.min, fovMax: this.fovRange.max, pitchLimit: PITCH_LIMIT });
    this.loop.request();
  }

  rotateBy(dYaw: number, dPitch: number): void {
    this.setView({ yaw: this.view.yaw + dYaw, pitch: this.view.pitch + dPitch });
  }

  zoomBy(factor: number): void {
    if (!(factor > 0 && Number.isFinite(factor))) throw new Error(`PanoramaScene.zoomBy: factor must be a positive number, got ${factor}`);
    this.setView({ fov: this.view.fov * factor });
  }

  setHighlight(buildingId: string | null): void {
    this.outlines.setHighlight(buildingId);
    this.loop.request();
  }

  buildingAt(clientX: number, clientY: number): string | null {
    const rect = this.canvas.getBoundingClientRect();
    if (!rect.width || !rect.height) return null;
    const x = ((clientX - rect.left) / rect.width) * 2 - 1;
    const y = 1 - ((clientY - rect.top) / rect.height) * 2;
    if (Math.abs(x) > 1 || Math.abs(y) > 1) return null;
    this.updateCamera();
    // The camera sits at the origin, so the unprojected point is the ray's direction.
    const dir = new Vector3(x, y, 0.5).unproject(this.camera);
    return this.outlines.buildingAt(vectorToYawPitch(dir.x, dir.y, dir.z));
  }

  nearestBuilding(): string | null {
    this.updateCamera();
    return this.outlines.nearest(this.camera, { yaw: this.view.yaw, pitch: this.view.pitch });
  }

  onFrame(listener: (timestamp: number) => void): () => void {
    return this.loop.onFrame(listener);
  }

  stats(): SceneStats {
    const info = this.renderer.info;
    return {
      textures: info.memory.textures,
      geometries: info.memory.geometries,
      programs: info.programs?.length ?? 0,
      cached: this.cache.cachedCount,
    };
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.showToken += 1;
    // Stops the frames, drops the listeners and lets showNode's callers go.
    this.loop.stop();
    this.resizeObserver.disconnect();
    this.canvas.removeEventListener('webglcontextlost', this.onContextLost);
    this.canvas.removeEventListener('webglcontextrestored', this.onContextRestored);
    this.fade = null;
    this.shown = null;
    this.outlines.dispose();
    for (const m of [this.front, this.back]) {
      m.material.uniforms.map.value = null;
      m.material.dispose();
      this.scene.remove(m);
    }
    this.geometry.dispose();
    this.cache.clear();
    this.renderer.dispose();
    this.renderer.forceContextLoss();
    this.canvas.remove();
  }

  private setFadeProgress(p: number): void {
    this.front.material.uniforms.opacity.value = p;
    this.outlines.setOpacity(p);
  }

  /** Ends the running fade at once: the new node fully shown, the old sphere hidden and its picture unpinned. */
  private finishFade(): void {
    const fade = this.fade;
    if (!fade) return;
    this.fade = null;
    this.setFadeProgress(1);
    this.back.visible = false;
    this.back.material.uniforms.map.value = null;
    fade.from?.unpin();
  }

  /** Draws one frame; true while a fade needs more. */
  private draw(timestamp: number): boolean {
    let again = false;
    const fade = this.fade;
    if (fade) {
      fade.start ??= timestamp;
      const p = fade.durationMs > 0 ? Math.min(1, (timestamp - fade.start) / fade.durationMs) : 1;
      this.setFadeProgress(p);
      if (p >= 1) this.finishFade();
      else again = true;
    }
    this.updateCamera();
    this.renderer.render(this.scene, this.camera);
    return again;
  }

  private updateCamera(): void {
    const [x, y, z] = yawPitchToVector(this.view.yaw, this.view.pitch);
    this.camera.lookAt(x, y, z);
    if (this.camera.fov !== this.view.fov) {
      this.camera.fov = this.view.fov;
      this.camera.updateProjectionMatrix();
    }
    this.camera.updateMatrixWorld();
  }

  private resize(): void {
    if (this.destroyed) return;
    const width = Math.max(1, this.container.clientWidth);
    const height = Math.max(1, this.container.clientHeight);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    const ratio = this.renderer.getPixelRatio();
    this.outlines.setResolution(width * ratio, height * ratio);
    this.loop.request();
  }

  private readonly onContextLost = (): void => {
    // three.js calls preventDefault() so the browser may restore the context later.
    this.contextLost = true;
    // A fade cannot be drawn now: jump to its end; the loop lets showNode's caller go.
    this.finishFade();
    this.loop.pause();
  };

  private readonly onContextRestored = (): void => {
    this.contextLost = false;
    // three.js has rebuilt its GL state (WebGLRenderer's own restore handler runs first, it was added first);
    // upload the cached pictures again so preloaded nodes still switch without a stall.
    for (const texture of this.cache.textures()) this.renderer.initTexture(texture);
    this.loop.resume();
  };
}
