import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { WHEEL_MAPPING_DEFAULT, WheelMappingSchema, type WheelMapping } from '../../../common/panoramaWheel';
import type { MetricName } from '../../../common/metrics';
import type { PanoramaNode } from '../../../common/pack/manifest';
import { kioskClient } from '../../api/client';
import { useContentPackStore } from '../../packs/useContentPackStore';
import { onSessionReset } from '../../shell/sessionReset';
import { useIdleStore } from '../../stores/useIdleStore';
import { AttractTour, TOUR_DEFAULTS, type TourOptions } from './attractTour';
import type { GamepadSnapshot } from './input/gamepadSnapshot';
import { WheelMapper } from './input/wheelMapper';
import { nearestNode, neighbour, outlinesAt, preloadOrder, type Direction } from './route';
import type { PanoramaSceneApi, SceneNode } from './scene/PanoramaSceneApi';

/** Holding a pedal or button travels on again this long after arriving (divided by how far it is pushed). */
export const HOLD_REPEAT_MS = 1200;
/** How fast the steering wheel moves the comparison slider at full lock (slider widths per second). */
export const SLIDER_PER_SEC = 0.8;
const clamp01 = (v: number): number => Math.max(0, Math.min(1, v));

/**
 * The panorama exhibit (解读滨江): where the visitor is on the route, what the scene shows, the
 * building named or opened, the attract tour, and the wheel's mapping. The three.js scene is a
 * plain object attached by the view (never reactive); this store drives it and mirrors its view
 * for the DOM. Everything shown comes from the active pack's `panorama` section.
 */
export const usePanoramaStore = defineStore('panorama', () => {
  const packs = useContentPackStore();
  const idle = useIdleStore();
  const section = computed(() => packs.manifest?.panorama ?? null);

  const nodeId = ref<string | null>(null);
  const node = computed<PanoramaNode | null>(() => section.value?.nodes.find((n) => n.id === nodeId.value) ?? null);
  const direction = ref<Direction>(1);
  const view = reactive({ yaw: 0, pitch: 0, fov: 0 });
  const highlighted = ref<string | null>(null);
  const openId = ref<string | null>(null);
  const openBuilding = computed(() => section.value?.buildings.find((b) => b.id === openId.value) ?? null);
  /** The past-and-present comparison: how much of the picture shows the past, 0..1. */
  const split = ref(0.5);
  const touring = ref(false);
  const switching = ref(false);
  const loadError = ref<string | null>(null);
  const wheelConnected = ref(false);
  const mapping = shallowRef<WheelMapping>(structuredClone(WHEEL_MAPPING_DEFAULT));

  let scene: PanoramaSceneApi | null = null;
  let shownId: string | null = null;
  let queued: { id: string; byVisitor: boolean } | null = null;
  let mapper = new WheelMapper(mapping.value);
  let tourOptions: TourOptions = TOUR_DEFAULTS;
  let tour = new AttractTour(tourOptions);
  let tourDir: Direction = 1;
  let sessionOn = false;
  let lastFrame: number | null = null;
  let lastArrival = 0;
  /** A guide's lesson put the view here: the attract tour must not wander off while the group listens. */
  let guided = false;

  /** Counting must never break a visit: a failed count is logged and forgotten. */
  function record(metric: MetricName, amount = 1): void {
    kioskClient()
      .recordUsage({ metric, amount })
      .catch((err: unknown) => console.warn(`usage metric ${metric} not recorded: ${(err as Error).message}`));
  }
  /** Metres travelled, in whole metres; the contract takes at most 1000 per count. */
  function recordMetres(m: number): void {
    let left = Math.round(m);
    while (left > 0) {
      const n = Math.min(1000, left);
      record('panorama.metres_travelled', n);
      left -= n;
    }
  }

  const sceneNode = (n: PanoramaNode): SceneNode => ({ id: n.id, imageUrl: packs.assetUrl(n.image) });

  /** Real input by a visitor: the tour stops, and a new panorama session starts if none is running. */
  function input(nowMs = lastFrame ?? 0): void {
    tour.input(nowMs);
    touring.value = false;
    if (!sessionOn) {
      sessionOn = true;
      record('panorama.session_started');
    }
  }

  /** Shows a node (cross-fading); `byVisitor` counts the metres (the tour's travel is not counted). */
  async function show(id: string, byVisitor: boolean): Promise<void> {
    const p = section.value;
    const s = scene;
    const target = p?.nodes.find((n) => n.id === id);
    if (!p || !s || !target) return;
    if (switching.value) {
      queued = { id, byVisitor };
      return;
    }
    if (id === shownId) return;
    const from = p.nodes.find((n) => n.id === shownId) ?? null;
    if (from) direction.value = target.positionM >= from.positionM ? 1 : -1;
    switching.value = true;
    try {
      await s.showNode(sceneNode(target), outlinesAt(p, id), { yaw: target.heading, pitch: 0 });
      if (scene !== s) return;
      shownId = id;
      nodeId.value = id;
      loadError.value = null;
      if (byVisitor && from) recordMetres(Math.abs(target.positionM - from.positionM));
      s.preload(preloadOrder(p, id, direction.value).map(sceneNode));
    } catch (err) {
      loadError.value = (err as Error).message;
      console.warn(`panorama node ${id} not shown: ${(err as Error).message}`);
    } finally {
      switching.value = false;
      lastArrival = lastFrame ?? 0;
      const q = queued;
      queued = null;
      if (q && scene === s) void show(q.id, q.byVisitor);
    }
  }

  /** Travels to the linked neighbour forward (1) or back (-1) along the route. */
  function travel(dir: Direction, byVisitor = true): boolean {
    const p = section.value;
    const here = queued?.id ?? shownId;
    const n = p && here ? neighbour(p, here, dir) : null;
    if (!n) return false;
    void show(n.id, byVisitor);
    return true;
  }

  /** A tap on the route strip: the node nearest that point. */
  function goToPosition(positionM: number): void {
    const p = section.value;
    if (p) void show(nearestNode(p, positionM).id, true);
  }

  /** A tap on the route map: that node. */
  function goToNode(id: string): void {
    if (section.value?.nodes.some((n) => n.id === id)) void show(id, true);
  }

  /**
   * A guided lesson's stop: this node (straight away, or as the first node once the scene is attached) with this
   * building open or none. Travel here is not counted as a visitor's metres, and the tour holds until the exhibit is left.
   */
  function showStop(id: string, buildingId?: string): void {
    if (!section.value?.nodes.some((n) => n.id === id)) return;
    guided = true;
    touring.value = false;
    tour.reset();
    if (scene) void show(id, false);
    else nodeId.value = id;
    if (buildingId) open(buildingId);
    else close();
  }

  function open(buildingId: string): void {
    if (!section.value?.buildings.some((b) => b.id === buildingId)) return;
    openId.value = buildingId;
    split.value = 0.5;
    record('panorama.building_opened');
  }
  function close(): void {
    openId.value = null;
  }
  /** The select button / Enter: the building nearest the centre of view. */
  function selectNearest(): void {
    const id = scene?.nearestBuilding() ?? highlighted.value;
    if (id) open(id);
  }

  function tourHop(): void {
    if (!travel(tourDir, false)) {
      tourDir = tourDir === 1 ? -1 : 1;
      travel(tourDir, false);
    }
  }

  /** One animation frame: the wheel (or null), the tour, the highlight and the view mirror. */
  function frame(nowMs: number, pad: GamepadSnapshot | null): void {
    const dt = lastFrame === null ? 0 : Math.max(0, Math.min(0.1, (nowMs - lastFrame) / 1000));
    lastFrame = nowMs;
    if (wheelConnected.value !== (pad !== null)) wheelConnected.value = pad !== null;
    const f = mapper.update(pad, nowMs);
    if (f.active) {
      input(nowMs);
      // Only real turning, pedals and buttons: a resting wheel's drift never holds the kiosk.
      idle.activity();
    }
    if (openId.value) {
      split.value = clamp01(split.value + f.steer * SLIDER_PER_SEC * dt + (f.forwardPressed ? 0.1 : 0) - (f.backPressed ? 0.1 : 0));
      if (f.selectPressed) close();
    } else if (scene) {
      if (f.panDegPerSec !== 0) scene.rotateBy(f.panDegPerSec * dt, 0);
      if (f.forwardPressed) travel(1);
      else if (f.backPressed) travel(-1);
      else if (f.travel !== 0 && !switching.value && nowMs - lastArrival >= HOLD_REPEAT_MS / Math.max(0.25, Math.abs(f.travel)))
        travel(f.travel > 0 ? 1 : -1);
      if (f.selectPressed) selectNearest();
    }
    const step = tour.tick(nowMs, openId.value !== null || guided);
    if (step.started) sessionOn = false;
    if (touring.value !== step.touring) touring.value = step.touring;
    if (!scene) return;
    // Under the idle countdown's overlay the tour holds still: nobody sees it, and a moving canvas
    // under a blurred overlay is costly on a software renderer.
    if (step.touring && !idle.counting) {
      scene.rotateBy(step.panDegPerSec * dt, 0);
      if (step.hop && !switching.value) tourHop();
    }
    const v = scene.getView();
    view.yaw = Math.round(v.yaw * 10) / 10;
    view.pitch = Math.round(v.pitch * 10) / 10;
    view.fov = Math.round(v.fov * 10) / 10;
    const nearest = scene.nearestBuilding();
    if (nearest !== highlighted.value) {
      highlighted.value = nearest;
      scene.setHighlight(nearest);
    }
  }

  function attach(s: PanoramaSceneApi): Promise<void> {
    scene = s;
    shownId = null;
    lastFrame = null;
    const p = section.value;
    const start = p?.nodes.find((n) => n.id === nodeId.value) ?? p?.nodes[0];
    return start ? show(start.id, false) : Promise.resolve();
  }
  function detach(): void {
    scene = null;
    shownId = null;
    queued = null;
    switching.value = false;
  }

  async function loadMapping(): Promise<void> {
    try {
      const res = await kioskClient().getExhibitConfig({ key: 'panorama.wheel' });
      setMapping(WheelMappingSchema.parse(res.value));
    } catch (err) {
      console.warn(`panorama wheel mapping not loaded, using the default: ${(err as Error).message}`);
    }
  }
  function setMapping(m: WheelMapping): void {
    mapping.value = m;
    mapper = new WheelMapper(m);
  }
  /** For tests: a faster tour. */
  function setTourOptions(o: TourOptions): void {
    tourOptions = o;
    tour = new AttractTour(o);
  }

  /** A new visitor (idle timeout, "start over") or leaving the exhibit: the start of the route, nothing open. */
  function reset(): void {
    openId.value = null;
    highlighted.value = null;
    nodeId.value = null;
    direction.value = 1;
    split.value = 0.5;
    touring.value = false;
    loadError.value = null;
    tour = new AttractTour(tourOptions);
    tourDir = 1;
    sessionOn = false;
    guided = false;
  }
  onSessionReset(reset);
  watch(() => packs.key, reset);

  return {
    section,
    nodeId,
    node,
    direction,
    view,
    highlighted,
    openId,
    openBuilding,
    split,
    touring,
    switching,
    loadError,
    wheelConnected,
    mapping,
    input,
    travel,
    goToPosition,
    goToNode,
    showStop,
    open,
    close,
    selectNearest,
    frame,
    attach,
    detach,
    loadMapping,
    setMapping,
    setTourOptions,
    reset,
  };
});
