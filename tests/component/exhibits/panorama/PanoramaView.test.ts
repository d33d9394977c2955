import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { countOf, installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { FakeScene } from '../../../fixtures/panorama/fakeScene';
import { panoramaManifest } from '../../../fixtures/panorama/panoramaManifest';
import { WHEEL_MAPPING_DEFAULT } from '../../../../common/panoramaWheel';
import { createKioskI18n } from '../../../../src/i18n';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import PanoramaView from '../../../../src/exhibits/panorama/PanoramaView.vue';
import { sceneFactory } from '../../../../src/exhibits/panorama/sceneFactory';
import { usePanoramaStore } from '../../../../src/exhibits/panorama/usePanoramaStore';

let calls: { method: string; payload: unknown }[];
let scene: FakeScene;

async function setup(manifest = panoramaManifest(), failScene = false) {
  const pinia = createPinia();
  setActivePinia(pinia);
  ({ calls } = installFakeKiosk({
    getExhibitConfig: () => ({ key: 'panorama.wheel', value: WHEEL_MAPPING_DEFAULT, isDefault: true, updatedAt: null }),
  }));
  useContentPackStore().active = toActivePack({ manifest });
  scene = new FakeScene();
  sceneFactory.create = async () => {
    if (failScene) throw new Error('WebGL is not available');
    return scene;
  };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { render: () => null } }] });
  const wrapper = mount(PanoramaView, { global: { plugins: [pinia, createKioskI18n('zh-CN'), router] }, attachTo: document.body });
  await flushPromises();
  // One frame: the highlight and the view mirror follow the scene.
  await new Promise((r) => requestAnimationFrame(r));
  await nextTick();
  return wrapper;
}

const pointer = (type: string, x: number, y: number, id = 1) =>
  new PointerEvent(type, { clientX: x, clientY: y, pointerId: id, bubbles: true });
const rect = (el: Element, width: number, height = 100) =>
  (el.getBoundingClientRect = () => ({ left: 0, top: 0, right: width, bottom: height, width, height, x: 0, y: 0, toJSON: () => ({}) }));

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('PanoramaView', () => {
  it('shows the first node at its heading with its place name, and names the building in view in Chinese and English', async () => {
    const w = await setup();
    const root = w.get('[data-testid="panorama"]');
    expect(root.attributes('data-node')).toBe('a');
    expect(root.attributes('data-yaw')).toBe('10');
    expect(w.get('[data-testid="place"]').text()).toContain('节点a');
    expect(w.get('[data-testid="place"]').text()).toContain('Node a');
    expect(root.attributes('data-highlight')).toBe('warehouse');
    expect(w.get('[data-testid="building-name"]').text()).toBe('仓库');
    expect(w.get('[data-testid="building-label"]').text()).toContain('Warehouse · 1920');
    expect(w.get('[data-testid="route-you"]').attributes('data-position')).toBe('0');
    expect(w.findAll('[data-testid^="route-building-"]')).toHaveLength(2);
    expect(w.get('[data-testid="travel-back"]').attributes('disabled')).toBeDefined();
    // The pack's route map, with "you are here" at the first node (components/RouteMap.test.ts has the rest).
    expect(w.get('[data-testid="map-you"]').attributes('data-node')).toBe('a');
    w.unmount();
    expect(scene.destroyed).toBe(true);
  });

  it('drags the view with a finger and opens a tapped building; the past and present has years, text and a comparison', async () => {
    const w = await setup();
    const stage = w.get('[data-testid="panorama-stage"]').element;
    Object.defineProperty(stage, 'clientHeight', { value: 750 });
    stage.dispatchEvent(pointer('pointerdown', 500, 300));
    stage.dispatchEvent(pointer('pointermove', 400, 300));
    stage.dispatchEvent(pointer('pointerup', 400, 300));
    // 100 px at 75° over 750 px: 10° to the right.
    expect(scene.view.yaw).toBeCloseTo(20, 6);
    scene.tapHit = 'warehouse';
    stage.dispatchEvent(pointer('pointerdown', 300, 300));
    stage.dispatchEvent(pointer('pointerup', 302, 301));
    await nextTick();
    const dialog = w.get('[data-testid="past-present"]');
    expect(dialog.attributes('data-building')).toBe('warehouse');
    expect(w.get('[data-testid="building-years"]').text()).toContain('2019');
    expect(w.get('[data-testid="building-years"]').text()).toContain('改建');
    expect(w.get('[data-testid="building-text"]').text()).toBe('仓库的故事');
    expect(w.get('[data-testid="compare-then"]').attributes('src')).toBe('pack/pano/warehouse-then.png?v=test-pack%401.0.0');
    expect(countOf(calls, 'panorama.building_opened')).toBe(1);
    expect(countOf(calls, 'panorama.session_started')).toBe(1);

    // The divider follows the finger.
    const compare = w.get('[data-testid="compare"]').element;
    rect(compare, 1000);
    compare.dispatchEvent(pointer('pointerdown', 500, 50));
    compare.dispatchEvent(pointer('pointermove', 250, 50));
    compare.dispatchEvent(pointer('pointerup', 250, 50));
    await nextTick();
    expect(w.get('[data-testid="compare"]').attributes('data-split')).toBe('0.250');
    expect(w.get('[data-testid="compare-then"]').attributes('style')).toContain('inset(0 75% 0 0)');
    await w.get('[data-testid="past-present-close"]').trigger('click');
    expect(w.find('[data-testid="past-present"]').exists()).toBe(false);
  });

  it('works from the keyboard: arrows pan, W travels, Enter opens, arrows move the comparison, Escape closes', async () => {
    const w = await setup();
    const key = async (k: string) => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: k }));
      await flushPromises();
    };
    await key('ArrowRight');
    expect(scene.view.yaw).toBe(15);
    await key('+');
    expect(scene.view.fov).toBeLessThan(75);
    await key('w');
    expect(w.get('[data-testid="panorama"]').attributes('data-node')).toBe('b');
    expect(scene.view.yaw).toBe(-20);
    await key('Enter');
    expect(w.get('[data-testid="panorama"]').attributes('data-open')).toBe('warehouse');
    await key('ArrowLeft');
    expect(w.get('[data-testid="compare"]').attributes('data-split')).toBe('0.450');
    await key('Escape');
    expect(w.find('[data-testid="past-present"]').exists()).toBe(false);
    await key('PageDown');
    expect(w.get('[data-testid="panorama"]').attributes('data-node')).toBe('a');
  });

  it('travels to the node nearest a tap on the route strip, and with the big forward button', async () => {
    const w = await setup();
    const track = w.get('[data-testid="route-track"]').element;
    rect(track, 1000);
    track.dispatchEvent(pointer('pointerup', 700, 50));
    await flushPromises();
    expect(w.get('[data-testid="panorama"]').attributes('data-node')).toBe('c');
    expect(w.get('[data-testid="route-you"]').attributes('data-position')).toBe('650');
    await w.get('[data-testid="travel-forward"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="panorama"]').attributes('data-node')).toBe('d');
    expect(w.get('[data-testid="travel-forward"]').attributes('disabled')).toBeDefined();
  });

  it("plays a building's narration from the pack, in the visitor's language, and stops it on close", async () => {
    const w = await setup();
    const pano = usePanoramaStore();
    pano.open('warehouse');
    await nextTick();
    expect(w.find('[data-testid="past-present"]').exists()).toBe(true);
    expect(w.find('[data-testid="building-narration"]').exists()).toBe(false);
    pano.open('mill');
    await nextTick();
    const toggle = w.get('[data-testid="building-narration-toggle"]');
    expect(toggle.attributes('data-state')).toBe('paused');
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    await toggle.trigger('click');
    expect(play).toHaveBeenCalled();
    expect((play.mock.contexts[0] as HTMLAudioElement).src).toContain('pano/mill-zh.ogg');
    expect(w.get('[data-testid="building-narration-toggle"]').attributes('data-state')).toBe('playing');
    const pause = vi.spyOn(HTMLMediaElement.prototype, 'pause');
    await w.get('[data-testid="past-present-close"]').trigger('click');
    await flushPromises();
    expect(pause).toHaveBeenCalled();
    play.mockRestore();
    pause.mockRestore();
  });

  it('says so when the pack has no panorama, or the device cannot draw it', async () => {
    const none = await setup(historyManifest());
    expect(none.find('[data-testid="panorama-empty"]').exists()).toBe(true);
    none.unmount();
    const failed = await setup(panoramaManifest(), true);
    expect(failed.find('[data-testid="panorama-no-scene"]').exists()).toBe(true);
    expect(failed.find('[data-testid="route-map"]').exists()).toBe(false);
  });
});
