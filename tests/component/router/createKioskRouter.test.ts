import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createKioskRouter } from '../../../src/router';
import { installFakeKioskState } from '../fakeKioskState';

describe('createKioskRouter', () => {
  it('goes back a screen, and holds a bounded history however many visits come', async () => {
    installFakeKioskState({ exhibits: ['history'] });
    setActivePinia(createPinia());
    const router = createKioskRouter();
    await router.push({ name: 'attract' });
    await router.push({ name: 'home' });
    router.back();
    await new Promise((r) => setTimeout(r, 0));
    expect(router.currentRoute.value.name).toBe('attract');
    // A day of visitors, attract and home in turn, so that every step back changes the screen: count the steps.
    for (let i = 0; i < 1000; i++) await router.push({ name: i % 2 ? 'attract' : 'home' });
    const history = router.options.history;
    let steps = 0;
    for (let before = history.location; steps < 5000; steps++, before = history.location) {
      history.go(-1, false);
      if (history.location === before) break;
    }
    expect(steps).toBeGreaterThanOrEqual(20);
    expect(steps).toBeLessThan(50);
  });
});
