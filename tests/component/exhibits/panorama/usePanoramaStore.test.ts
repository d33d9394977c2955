import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WHEEL_MAPPING_DEFAULT } from '../../../../common/panoramaWheel';
import { countOf, installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';
import { FakeScene } from '../../../fixtures/panorama/fakeScene';
import { panoramaManifest } from '../../../fixtures/panorama/panoramaManifest';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { runSessionReset } from '../../../../src/shell/sessionReset';
import { useIdleStore } from '../../../../src/stores/useIdleStore';
import { HOLD_REPEAT_MS, usePanoramaStore } from '../../../../src/exhibits/panorama/usePanoramaStore';

let calls: { method: string; payload: unknown }[];
const wheel = (steer: number, down: number[] = []) => ({
  axes: [steer, 1],
  buttons: Array.from({ length: 8 }, (_, i) => ({ pressed: down.includes(i), value: down.includes(i) ? 1 : 0 })),
});
const metres = (): number[] =>
  calls
    .filter((c) => c.method === 'recordUsage' && (c.payload as { metric: string }).metric === 'panorama.metres_travelled')
    .map((c) => (c.payload as { amount: number }).amount);

async function setup(stored: unknown = WHEEL_MAPPING_DEFAULT) {
  setActivePinia(createPinia());
  ({ calls } = installFakeKiosk({ getExhibitConfig: () => ({ key: 'panorama.wheel', value: stored, isDefault: false, updatedAt: 1 }) }));
  useContentPackStore().active = toActivePack({ manifest: panoramaManifest() });
  const pano = usePanoramaStore();
  const scene = new FakeScene();
  await pano.attach(scene);
  await flushPromises();
  return { pano, scene, idle: useIdleStore() };
}

/** Runs frames every 16 ms from `from` to `to` with the same pad. */
function run(pano: ReturnType<typeof usePanoramaStore>, from: number, to: number, pad: ReturnType<typeof wheel> | null): void {
  for (let t = from; t <= to; t += 16) pano.frame(t, pad);
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('usePanoramaStore', () => {
  it('starts at the first node, at its heading, preloads ahead, and names the building nearest the centre', async () => {
    const { pano, scene } = await setup();
    expect(pano.nodeId).toBe('a');
    expect(scene.node?.imageUrl).toBe('pack/pano/a.jpg?v=test-pack%401.0.0');
    expect(scene.view.yaw).toBe(10);
    expect(scene.preloaded.at(-1)).toEqual(['b', 'c']);
    pano.frame(0, null);
    expect(pano.view.yaw).toBe(10);
    expect(pano.highlighted).toBe('warehouse');
    expect(scene.highlight).toBe('warehouse');
    expect(pano.wheelConnected).toBe(false);
  });

  it('pans at a rate that follows the wheel angle; drift never counts as activity, turning does', async () => {
    const { pano, scene, idle } = await setup({
      ...WHEEL_MAPPING_DEFAULT,
      steer: { ...WHEEL_MAPPING_DEFAULT.steer, smoothingMs: 0, response: 1, deadZone: 0 },
    });
    await pano.loadMapping();
    const activity = vi.spyOn(idle, 'activity');
    // Drift: a wobble of ±0.01 for 10 s.
    for (let t = 0; t <= 10_000; t += 16) pano.frame(t, wheel(0.01 * Math.sin(t / 300)));
    expect(activity).not.toHaveBeenCalled();
    expect(countOf(calls, 'panorama.session_started')).toBe(0);
    const before = scene.view.yaw;
    run(pano, 10_016, 11_016, wheel(0.5));
    expect(activity).toHaveBeenCalled();
    expect(scene.view.yaw - before).toBeCloseTo(45, 0);
    expect(pano.wheelConnected).toBe(true);
    expect(countOf(calls, 'panorama.session_started')).toBe(1);
  });

  it('travels forward and back with the paddles, counting metres, and repeats while a paddle is held', async () => {
    const { pano, scene } = await setup();
    pano.frame(0, wheel(0, [5]));
    await flushPromises();
    expect(pano.nodeId).toBe('b');
    expect(scene.view.yaw).toBe(-20);
    expect(pano.direction).toBe(1);
    run(pano, 16, HOLD_REPEAT_MS + 32, wheel(0, [5]));
    await flushPromises();
    expect(pano.nodeId).toBe('c');
    pano.frame(HOLD_REPEAT_MS + 100, wheel(0));
    pano.frame(HOLD_REPEAT_MS + 116, wheel(0, [4]));
    await flushPromises();
    expect(pano.nodeId).toBe('b');
    expect(pano.direction).toBe(-1);
    expect(scene.preloaded.at(-1)).toEqual(['a', 'c']);
    expect(metres()).toEqual([300, 350, 350]);
    expect(countOf(calls, 'panorama.session_started')).toBe(1);
  });

  it('opens the building nearest the centre with the select button; then the wheel moves the comparison and select closes', async () => {
    const { pano } = await setup();
    pano.frame(0, wheel(0));
    pano.frame(16, wheel(0, [0]));
    expect(pano.openId).toBe('warehouse');
    expect(countOf(calls, 'panorama.building_opened')).toBe(1);
    expect(pano.split).toBe(0.5);
    pano.frame(32, wheel(0));
    pano.frame(48, wheel(0, [5]));
    expect(pano.split).toBeCloseTo(0.6, 6);
    run(pano, 64, 564, wheel(-1));
    expect(pano.split).toBeLessThan(0.4);
    pano.frame(600, wheel(0));
    pano.frame(616, wheel(0, [0]));
    expect(pano.openId).toBeNull();
    // The paddle did not travel while the past and present was open.
    expect(pano.nodeId).toBe('a');
  });

  it('tours by itself after 20 s without a visitor, without counting metres; the first input takes over and starts a new session', async () => {
    const { pano } = await setup();
    pano.input(0);
    expect(countOf(calls, 'panorama.session_started')).toBe(1);
    pano.setTourOptions({ idleMs: 20_000, dwellMs: 5_000, panDegPerSec: 6 });
    pano.input(0);
    run(pano, 0, 19_984, null);
    expect(pano.touring).toBe(false);
    const yaw = pano.view.yaw;
    run(pano, 20_000, 24_992, null);
    expect(pano.touring).toBe(true);
    expect(pano.view.yaw).toBeGreaterThan(yaw + 20);
    run(pano, 25_008, 25_040, null);
    await flushPromises();
    expect(pano.nodeId).toBe('b');
    expect(metres()).toEqual([]);
    pano.frame(25_100, wheel(0, [5]));
    expect(pano.touring).toBe(false);
    expect(countOf(calls, 'panorama.session_started')).toBe(2);
  });

  it("a guide's lesson stop shows its node with its building open, counts no metres, and holds the tour until the exhibit resets", async () => {
    const { pano } = await setup();
    pano.setTourOptions({ idleMs: 1000, dwellMs: 500, panDegPerSec: 6 });
    pano.showStop('c', 'warehouse');
    await flushPromises();
    expect(pano.nodeId).toBe('c');
    expect(pano.openId).toBe('warehouse');
    pano.close();
    run(pano, 0, 5000, null);
    await flushPromises();
    expect(pano.touring).toBe(false);
    expect(pano.nodeId).toBe('c');
    expect(metres()).toEqual([]);
    // Unknown nodes are ignored; the next visitor gets the tour back.
    pano.showStop('nowhere');
    expect(pano.nodeId).toBe('c');
    runSessionReset();
    run(pano, 5016, 7000, null);
    expect(pano.touring).toBe(true);
  });

  it('a lesson stop before the scene is attached becomes the first node shown', async () => {
    setActivePinia(createPinia());
    installFakeKiosk({});
    useContentPackStore().active = toActivePack({ manifest: panoramaManifest() });
    const pano = usePanoramaStore();
    pano.showStop('b');
    await pano.attach(new FakeScene());
    await flushPromises();
    expect(pano.nodeId).toBe('b');
    expect(pano.openId).toBeNull();
  });

  it('holds the tour still while the idle countdown shows', async () => {
    const { pano, idle } = await setup();
    pano.setTourOptions({ idleMs: 1000, dwellMs: 500, panDegPerSec: 6 });
    run(pano, 0, 1200, null);
    expect(pano.touring).toBe(true);
    idle.counting = true;
    const yaw = pano.view.yaw;
    run(pano, 1216, 3000, null);
    await flushPromises();
    expect(pano.view.yaw).toBe(yaw);
    expect(pano.nodeId).toBe('a');
    idle.counting = false;
    run(pano, 3016, 3500, null);
    expect(pano.view.yaw).toBeGreaterThan(yaw);
  });

  it('turns back at the end of the route while touring', async () => {
    const { pano } = await setup();
    pano.setTourOptions({ idleMs: 100, dwellMs: 100, panDegPerSec: 6 });
    const seen: string[] = [];
    for (let t = 0; t < 3000; t += 16) {
      pano.frame(t, null);
      await flushPromises();
      if (seen.at(-1) !== pano.nodeId) seen.push(pano.nodeId!);
    }
    expect(seen.slice(0, 6)).toEqual(['a', 'b', 'c', 'd', 'c', 'b']);
  });

  it('keeps the current node when a picture fails, and says so', async () => {
    const { pano, scene } = await setup();
    scene.failNext = true;
    pano.travel(1);
    await flushPromises();
    expect(pano.nodeId).toBe('a');
    expect(pano.loadError).toContain('pano/b.jpg');
    pano.travel(1);
    await flushPromises();
    expect(pano.nodeId).toBe('b');
    expect(pano.loadError).toBeNull();
  });

  it('travels to the node nearest a point of the route strip, counting over 1000 m in parts the contract accepts', async () => {
    const { pano } = await setup();
    const m = panoramaManifest();
    m.panorama!.routeLengthM = 2500;
    m.panorama!.nodes[3]!.positionM = 2500;
    useContentPackStore().active = toActivePack({ manifest: m, key: 'long' });
    await pano.attach(new FakeScene());
    await flushPromises();
    pano.goToPosition(2400);
    await flushPromises();
    expect(pano.nodeId).toBe('d');
    expect(metres()).toEqual([1000, 1000, 500]);
  });

  it('starts over on a session reset', async () => {
    const { pano } = await setup();
    pano.travel(1);
    await flushPromises();
    pano.open('warehouse');
    runSessionReset();
    expect(pano.openId).toBeNull();
    expect(pano.nodeId).toBeNull();
    expect(pano.touring).toBe(false);
  });
});
