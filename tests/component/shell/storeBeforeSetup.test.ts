import { mount } from '@vue/test-utils';
import { createPinia, defineStore, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref, watch, type Component, type ComponentPublicInstance } from 'vue';
import historyExhibit, { PanelCalibration } from '../../../src/exhibits/history';
import panoramaExhibit from '../../../src/exhibits/panorama';
import postcardExhibit from '../../../src/exhibits/postcard';
import { withStore } from '../../../src/shell/storeBeforeSetup';

/**
 * A store lives as long as the app; Vue's watch() keeps the component that was current when the watcher was made.
 * Which component a store's watcher still holds shows in how its error is reported: the app's errorHandler gets that
 * component, even long after it unmounted (and with it its whole DOM subtree stays in memory). Created through
 * withStore, the store holds no component, and the error is reported with none.
 */
const useProbeStore = defineStore('probe', () => {
  const n = ref(0);
  // Synchronous, so the error surfaces right at the change.
  watch(
    n,
    () => {
      throw new Error('from the store');
    },
    { flush: 'sync' },
  );
  return { n };
});

const Child = defineComponent({
  setup() {
    useProbeStore();
    return () => h('p', 'child');
  },
});

/** Mounts and unmounts `component`; returns the components the app's errorHandler was given afterwards. */
function mountAndLeave(component: Component): ComponentPublicInstance[] {
  const reported: ComponentPublicInstance[] = [];
  mount(component, { global: { config: { errorHandler: (_err, vm) => void reported.push(vm!) } } }).unmount();
  return reported;
}

beforeEach(() => setActivePinia(createPinia()));

describe('withStore', () => {
  it('without it, a store first used by a component keeps that component after it unmounted', () => {
    const reported = mountAndLeave(Child);
    useProbeStore().n += 1;
    expect(reported).toHaveLength(1);
    expect(reported[0]!.$.isUnmounted, 'the component the store still holds is gone from the screen').toBe(true);
  });

  it('creates the store when the component loads, so its watchers hold no component', async () => {
    const loaded = await withStore(
      async () => Child,
      async () => useProbeStore,
    )();
    const reported = mountAndLeave(loaded);
    // No component to report it with: Vue throws it in development.
    expect(() => (useProbeStore().n += 1)).toThrow('from the store');
    expect(reported).toEqual([]);
  });
});

describe('exhibit loaders', () => {
  it("loading a screen or a console panel creates the exhibit's store before any component runs", { timeout: 60_000 }, async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['history', historyExhibit.component],
      ['panorama', panoramaExhibit.component],
      ['panorama', panoramaExhibit.operatorPanel!],
      ['postcard', postcardExhibit.component],
      ['history', (PanelCalibration as unknown as { __asyncLoader: () => Promise<unknown> }).__asyncLoader],
    ];
    for (const [id, load] of cases) {
      const pinia = createPinia();
      setActivePinia(pinia);
      expect(pinia.state.value[id], id).toBeUndefined();
      await load();
      expect(pinia.state.value[id], `${id} after its loader`).toBeDefined();
    }
  });
});
