import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { EXHIBIT_IDS } from '../../../common/exhibits';
import { EXHIBITS, exhibitById, exhibitRouteName } from '../../../src/exhibits/registry';
import { createKioskRouter } from '../../../src/router';

describe('exhibit registry', () => {
  it('lists every exhibit of the contract exactly once, in the station order', () => {
    expect(EXHIBITS.map((e) => e.id)).toEqual([...EXHIBIT_IDS]);
  });

  it('each descriptor carries its card data and a lazily loaded screen', async () => {
    // The loaders create their exhibit's store (src/shell/storeBeforeSetup.ts), as after app.use(pinia).
    setActivePinia(createPinia());
    for (const e of EXHIBITS) {
      expect(e.titleKey).toBe(`exhibits.${e.id}.title`);
      expect(e.accent).toMatch(/^#[0-9a-f]{6}$/i);
      expect(e.icon).toBeTruthy();
      const view = (await e.component()) as { default?: unknown };
      expect(view.default ?? view).toBeTruthy();
    }
  });

  it('finds exhibits by id', () => {
    expect(exhibitById('smile')?.id).toBe('smile');
    expect(exhibitById('nope' as never)).toBeUndefined();
  });

  it('gives the router one route per exhibit', () => {
    const router = createKioskRouter();
    for (const id of EXHIBIT_IDS) {
      const route = router.getRoutes().find((r) => r.name === exhibitRouteName(id));
      expect(route?.path).toBe(`/exhibit/${id}`);
      expect(route?.meta.exhibit).toBe(id);
    }
  });
});
