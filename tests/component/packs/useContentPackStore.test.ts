import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { installFakeKiosk } from '../../fixtures/packs/fakeKiosk';
import { historyManifest } from '../../fixtures/packs/historyManifest';
import { startPackUpdates } from '../../../src/packs/packUpdates';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';

/** A fake services side whose active pack the test swaps, as an operator install would. */
function services() {
  const state = {
    revision: 1,
    key: 'test-pack@1.0.0~a' as string | null,
    manifest: historyManifest() as ReturnType<typeof historyManifest> | null,
  };
  const fake = installFakeKiosk({
    getActivePack: () => ({ revision: state.revision, key: state.key, baseUrl: '/pack/', manifest: state.manifest }),
    getPackRevision: () => ({ revision: state.revision, key: state.key }),
  });
  return {
    ...fake,
    swap(version: string, tagline: string) {
      state.revision += 1;
      state.key = `test-pack@${version}~b`;
      state.manifest = historyManifest({ version, tagline });
    },
    state,
  };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.useRealTimers());

describe('useContentPackStore', () => {
  it('loads the active pack and builds asset URLs that change with the pack', async () => {
    services();
    const packs = useContentPackStore();
    await packs.load();
    expect(packs.manifest?.id).toBe('test-pack');
    expect(packs.assetUrl('wharf/cover.png')).toBe('pack/wharf/cover.png?v=test-pack%401.0.0~a');
    expect(packs.available(['smile', 'history', 'panorama'])).toEqual(['history']);
  });

  it('asks only for the revision while nothing changes', async () => {
    const s = services();
    const packs = useContentPackStore();
    await packs.load();
    expect(await packs.check(true)).toBe('unchanged');
    expect(s.calls.filter((c) => c.method === 'getActivePack')).toHaveLength(1);
    expect(s.calls.filter((c) => c.method === 'getPackRevision')).toHaveLength(1);
  });

  it('holds a new pack while a visit goes on and applies it when allowed', async () => {
    const s = services();
    const packs = useContentPackStore();
    await packs.load();
    s.swap('2.0.0', 'new tagline');
    expect(await packs.check(false)).toBe('pending');
    expect(packs.manifest?.version).toBe('1.0.0');
    expect(await packs.check(false)).toBe('pending');
    expect(packs.applyPending()).toBe(true);
    expect(packs.manifest?.version).toBe('2.0.0');
    expect(packs.manifest?.attract?.tagline.en).toBe('new tagline');
    expect(packs.applyPending()).toBe(false);
  });

  it('treats "no pack any more" as a change too', async () => {
    const s = services();
    const packs = useContentPackStore();
    await packs.load();
    s.state.revision += 1;
    s.state.key = null;
    s.state.manifest = null;
    expect(await packs.check(true)).toBe('applied');
    expect(packs.manifest).toBeNull();
    expect(packs.available(['history'])).toEqual([]);
  });

  it('keeps the current pack when the services cannot be reached', async () => {
    services();
    const packs = useContentPackStore();
    await packs.load();
    installFakeKiosk({});
    expect(await packs.check(true)).toBe('unchanged');
    expect(packs.manifest?.id).toBe('test-pack');
    expect(packs.loadError).toMatch(/getPackRevision/);
  });
});

describe('startPackUpdates', () => {
  it('polls every 30 s and swaps the pack only at the attract screen', async () => {
    vi.useFakeTimers();
    const s = services();
    const router = createRouter({
      history: createMemoryHistory(),
      routes: ['attract', 'home'].map((name) => ({ path: name === 'attract' ? '/' : `/${name}`, name, component: { render: () => null } })),
    });
    await router.push({ name: 'home' });
    const stop = startPackUpdates(router);
    const packs = useContentPackStore();
    await vi.waitFor(() => expect(packs.manifest?.version).toBe('1.0.0'));

    s.swap('2.0.0', 'second');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(packs.pending?.version).toBe('2.0.0');
    expect(packs.manifest?.version).toBe('1.0.0');

    await router.push({ name: 'attract' });
    expect(packs.manifest?.version).toBe('2.0.0');

    s.swap('3.0.0', 'third');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(packs.manifest?.version).toBe('3.0.0');
    stop();
    s.swap('4.0.0', 'fourth');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(packs.manifest?.version).toBe('3.0.0');
  });
});

describe('startPackUpdates while a visit starts', () => {
  it('does not swap the pack when the visitor leaves the attract screen while the poll is on its way', async () => {
    vi.useFakeTimers();
    const s = services();
    // The services answer the revision only when the test says so (a busy machine, a slow disk).
    let answer: (() => void) | undefined;
    installFakeKiosk({
      getActivePack: () => ({ revision: s.state.revision, key: s.state.key, baseUrl: '/pack/', manifest: s.state.manifest }),
      getPackRevision: () => new Promise((done) => (answer = () => done({ revision: s.state.revision, key: s.state.key }))),
    });
    const router = createRouter({
      history: createMemoryHistory(),
      routes: ['attract', 'home'].map((name) => ({ path: name === 'attract' ? '/' : `/${name}`, name, component: { render: () => null } })),
    });
    await router.push({ name: 'attract' });
    const stop = startPackUpdates(router);
    const packs = useContentPackStore();
    await vi.waitFor(() => expect(packs.manifest?.version).toBe('1.0.0'));

    s.swap('2.0.0', 'second');
    await vi.advanceTimersByTimeAsync(30_000); // the poll starts at the attract screen...
    expect(answer).toBeDefined();
    await router.push({ name: 'home' }); // ...a visitor touches the screen...
    answer!(); // ...and then the answer comes
    await vi.waitFor(() => expect(packs.pending?.version).toBe('2.0.0'));
    expect(packs.manifest?.version).toBe('1.0.0');

    await router.push({ name: 'attract' });
    expect(packs.manifest?.version).toBe('2.0.0');
    stop();
  });
});

describe('startPackUpdates at boot', () => {
  it('retries the first load until the services answer', async () => {
    vi.useFakeTimers();
    installFakeKiosk({});
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', name: 'attract', component: { render: () => null } }],
    });
    const stop = startPackUpdates(router);
    const packs = useContentPackStore();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(packs.loaded).toBe(false);
    services();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(packs.manifest?.id).toBe('test-pack');
    stop();
  });
});
