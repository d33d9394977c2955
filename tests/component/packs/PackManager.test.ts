import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { installFakeKiosk } from '../../fixtures/packs/fakeKiosk';
import PackManager from '../../../src/packs/PackManager.vue';
import { createKioskI18n } from '../../../src/i18n';
import { useOperatorStore } from '../../../src/stores/useOperatorStore';

const title = { 'zh-CN': '演示', en: 'Demo' };
const entry = (over: Record<string, unknown>) => ({
  key: 'k',
  id: 'demo',
  version: '1.0.0',
  date: '2026-03-01',
  title,
  active: false,
  previous: false,
  builtin: false,
  ...over,
});

function setup() {
  const pinia = createPinia();
  setActivePinia(pinia);
  let packs = [entry({ key: 'builtin', builtin: true, previous: true }), entry({ key: 'demo@2.0.0~1', version: '2.0.0', active: true })];
  const fake = installFakeKiosk({
    listPacks: () => ({ packs, previewing: false }),
    importPack: (p) => {
      if ((p as { path: string }).path.endsWith('bad.zip')) {
        throw {
          code: 'PACK_INVALID',
          message: 'the pack was refused: 2 problems',
          issues: [
            { file: 'manifest.json', path: 'history.stories[0].cover', message: '"a.png" is not listed in assets' },
            { file: 'img/b.png', path: '', message: 'the file is not a PNG image' },
          ],
        };
      }
      const added = entry({ key: 'new@3.0.0~2', id: 'new', version: '3.0.0' });
      packs = [...packs, added];
      return added;
    },
    activatePack: (p) => {
      packs = packs.map((x) => ({ ...x, active: x.key === (p as { key: string }).key }));
      return packs.find((x) => x.active);
    },
    rollbackPack: () => entry({ key: 'builtin', active: true }),
  });
  useOperatorStore().token = 't'.repeat(40);
  const wrapper = mount(PackManager, { global: { plugins: [pinia, createKioskI18n('en')] } });
  return { wrapper, ...fake };
}

describe('PackManager', () => {
  it('lists the installed packs with id, version, date and which one is active', async () => {
    const { wrapper } = setup();
    await flushPromises();
    const rows = wrapper.findAll('[data-testid="pack-row-demo"]');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.text()).toContain('2.0.0');
    expect(rows[1]!.text()).toContain('2026-03-01');
    expect(rows[1]!.find('[data-testid="pack-active"]').exists()).toBe(true);
    expect(rows[0]!.find('[data-testid="pack-active"]').exists()).toBe(false);
  });

  it('shows every problem of a refused pack with its file and JSON path', async () => {
    const { wrapper, calls } = setup();
    await flushPromises();
    await wrapper.get('[data-testid="pack-path"]').setValue('  /media/usb/bad.zip ');
    await wrapper.get('[data-testid="pack-import"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'importPack')?.payload).toEqual({ path: '/media/usb/bad.zip' });
    expect(wrapper.get('[data-testid="pack-message"]').text()).toContain('2 problem');
    expect(wrapper.findAll('[data-testid="pack-problems"] li').map((l) => l.text())).toEqual([
      'manifest.json history.stories[0].cover: "a.png" is not listed in assets',
      'img/b.png: the file is not a PNG image',
    ]);
  });

  it('imports, activates and rolls back, refreshing the list each time', async () => {
    const { wrapper, calls } = setup();
    await flushPromises();
    await wrapper.get('[data-testid="pack-path"]').setValue('/media/usb/good.zip');
    await wrapper.get('[data-testid="pack-import"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="pack-message"]').text()).toBe('Imported new 3.0.0');
    await wrapper.get('[data-testid="pack-activate-new"]').trigger('click');
    await flushPromises();
    expect(calls.find((c) => c.method === 'activatePack')?.payload).toEqual({ key: 'new@3.0.0~2' });
    expect(wrapper.get('[data-testid="pack-row-new"]').find('[data-testid="pack-active"]').exists()).toBe(true);
    await wrapper.get('[data-testid="pack-rollback"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="pack-message"]').text()).toContain('Rolled back to demo 1.0.0');
    expect(calls.filter((c) => c.method === 'listPacks')).toHaveLength(4);
  });
});
