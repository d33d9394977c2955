import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { RouterView } from 'vue-router';
import { createKioskI18n } from '../../../src/i18n';
import { createKioskRouter } from '../../../src/router';
import { toActivePack } from '../../../src/packs/packApi';
import { useContentPackStore } from '../../../src/packs/useContentPackStore';
import { useKioskStore } from '../../../src/stores/useKioskStore';
import { useLanguageStore } from '../../../src/stores/useLanguageStore';
import { useOperatorStore } from '../../../src/stores/useOperatorStore';
import ServicesOperatorSection from '../../../src/services/ServicesOperatorSection.vue';
import { countOf, installFakeKiosk } from '../../fixtures/packs/fakeKiosk';
import { historyManifest } from '../../fixtures/packs/historyManifest';
import { servicesSection } from '../../fixtures/packs/servicesSection';
import { installFakeKioskState } from '../fakeKioskState';

const Shell = defineComponent({ render: () => h(RouterView) });

async function setup(opts: { services?: boolean; outOfUse?: string[] } = {}) {
  const state = installFakeKioskState({ exhibits: ['history'] }).state;
  let outOfUse = opts.outOfUse ?? [];
  const fake = installFakeKiosk({
    getKioskState: () => state,
    getServicesStatus: () => ({ day: '2026-03-14', outOfUse }),
    setServiceOutOfUse: (p) => {
      const { serviceId, outOfUse: off } = p as { serviceId: string; outOfUse: boolean };
      outOfUse = off ? [...outOfUse, serviceId] : outOfUse.filter((id) => id !== serviceId);
      return { day: '2026-03-14', outOfUse };
    },
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  await useKioskStore().refresh();
  const packs = useContentPackStore();
  packs.active = toActivePack({ manifest: { ...historyManifest(), ...(opts.services === false ? {} : { services: servicesSection() }) } });
  packs.loaded = true;
  const router = createKioskRouter();
  const i18n = createKioskI18n('zh-CN');
  const mountAt = async (name: string) => {
    await router.push({ name });
    const wrapper = mount(Shell, { global: { plugins: [pinia, router, i18n] } });
    await flushPromises();
    return wrapper;
  };
  return { fake, router, mountAt, pinia, i18n };
}

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('the services corner', () => {
  it('opens the board from the attract screen without starting a visit, and counts the board', async () => {
    const { fake, router, mountAt } = await setup();
    const wrapper = await mountAt('attract');
    const corner = wrapper.get('[data-testid="services-corner"]');
    expect(corner.text()).toBe('便民服务');
    await corner.trigger('click');
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('services'), { timeout: 5000 });
    expect(countOf(fake.calls, 'services.board_opened')).toBe(1);
    expect(countOf(fake.calls, 'session.started')).toBe(0);
  });

  it('sits in a corner of the home menu too, beside the exhibit cards', async () => {
    const { mountAt } = await setup();
    const wrapper = await mountAt('home');
    expect(wrapper.findAll('[data-testid^="exhibit-card-"]').length).toBe(1);
    expect(wrapper.find('[data-testid="services-corner"]').exists()).toBe(true);
  });

  it('is absent, and the board unreachable, when the pack has no services section', async () => {
    const { mountAt, router } = await setup({ services: false });
    const wrapper = await mountAt('home');
    expect(wrapper.find('[data-testid="services-corner"]').exists()).toBe(false);
    await router.push({ name: 'services' });
    expect(router.currentRoute.value.name).toBe('home');
  });
});

describe('the services board', () => {
  it('shows every service with its text, hours and place, and greys the ones out of use today', async () => {
    const { mountAt, fake } = await setup({ outOfUse: ['drinking-water'] });
    const wrapper = await mountAt('services');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="service-drinking-water"] [data-testid="service-out-of-use"]').exists()).toBe(true),
    );
    expect(fake.calls.some((c) => c.method === 'getServicesStatus')).toBe(true);
    const nursing = wrapper.get('[data-testid="service-nursing-room"]');
    expect(nursing.text()).toContain('母婴室');
    expect(nursing.text()).toContain('开放时间 每天 9:00–21:00');
    expect(nursing.text()).toContain('位置 一层东侧');
    expect(nursing.classes()).not.toContain('off');
    expect(wrapper.get('[data-testid="service-drinking-water"]').classes()).toContain('off');
    expect(wrapper.get('[data-testid="service-drinking-water"]').text()).toContain('今日暂停服务');
    expect(nursing.get('img').attributes('src')).toContain('services/nursing-room.png');
  });

  it('speaks English when the visitor switches', async () => {
    const { mountAt } = await setup();
    const wrapper = await mountAt('services');
    useLanguageStore().set('en');
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Station services');
    expect(wrapper.get('[data-testid="service-nursing-room"]').text()).toContain('Open Daily 9:00–21:00');
  });

  it('opens the 15-minute circle, nearest first with walking minutes, and counts it', async () => {
    const { mountAt, router, fake } = await setup();
    const wrapper = await mountAt('services');
    await wrapper.get('[data-testid="services-open-circle"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="services-circle"]').exists()).toBe(true), { timeout: 5000 });
    expect(router.currentRoute.value.name).toBe('services-circle');
    expect(countOf(fake.calls, 'services.circle_opened')).toBe(1);
    const points = wrapper
      .findAll('[data-testid^="circle-"]')
      .filter((w) => w.attributes('data-testid') !== 'circle-walk' && w.attributes('data-testid') !== 'circle-back');
    expect(points.map((p) => p.attributes('data-testid'))).toEqual(['circle-bus-stop', 'circle-health', 'circle-metro']);
    expect(wrapper.findAll('[data-testid="circle-walk"]').map((w) => w.text())).toEqual(['步行 3 分钟', '步行 8 分钟', '步行 12 分钟']);
  });
});

describe("the console's out-of-use switches", () => {
  it('switches a service off for today through setServiceOutOfUse, and back on', async () => {
    const { fake, pinia, i18n } = await setup();
    useOperatorStore().token = 't'.repeat(40);
    const wrapper = mount(ServicesOperatorSection, { global: { plugins: [pinia, i18n] } });
    await vi.waitFor(() => expect(wrapper.find('[data-testid="services-toggle-nursing-room"]').exists()).toBe(true), { timeout: 5000 });
    await flushPromises();
    const toggle = () => wrapper.get('[data-testid="services-toggle-nursing-room"]');
    expect(toggle().attributes('aria-checked')).toBe('false');
    await toggle().trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'setServiceOutOfUse').map((c) => c.payload)).toEqual([
      { serviceId: 'nursing-room', outOfUse: true },
    ]);
    expect(toggle().attributes('aria-checked')).toBe('true');
    await toggle().trigger('click');
    await flushPromises();
    expect(fake.calls.filter((c) => c.method === 'setServiceOutOfUse').at(-1)?.payload).toEqual({
      serviceId: 'nursing-room',
      outOfUse: false,
    });
    expect(toggle().attributes('aria-checked')).toBe('false');
  });
});
