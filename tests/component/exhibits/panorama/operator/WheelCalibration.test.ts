import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { WHEEL_MAPPING_DEFAULT, type WheelMapping } from '../../../../../common/panoramaWheel';
import { installFakeKiosk } from '../../../../fixtures/packs/fakeKiosk';
import { createKioskI18n } from '../../../../../src/i18n';
import { usePanoramaStore } from '../../../../../src/exhibits/panorama/usePanoramaStore';
import WheelCalibration from '../../../../../src/exhibits/panorama/operator/WheelCalibration.vue';

let calls: { method: string; payload: unknown }[];
const pad = {
  index: 0,
  id: 'Test Wheel',
  mapping: '',
  connected: true,
  axes: [0, 1, 1],
  buttons: Array.from({ length: 8 }, () => ({ pressed: false, value: 0, touched: false })),
};
const frame = async () => {
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
  await nextTick();
};

async function setup(opts: { pads?: boolean; refuse?: boolean } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  Object.defineProperty(navigator, 'getGamepads', { configurable: true, value: () => (opts.pads === false ? [null] : [pad]) });
  ({ calls } = installFakeKiosk({
    getExhibitConfig: () => ({ key: 'panorama.wheel', value: WHEEL_MAPPING_DEFAULT, isDefault: true, updatedAt: null }),
    setExhibitConfig: (p) => {
      if (opts.refuse)
        throw { code: 'BAD_REQUEST', message: 'invalid request', issues: [{ path: 'value.steer.deadZone', message: 'too big' }] };
      return { key: 'panorama.wheel', value: (p as { value: unknown }).value, isDefault: false, updatedAt: 2 };
    },
  }));
  const w = mount(WheelCalibration, { global: { plugins: [pinia, createKioskI18n('zh-CN')] }, attachTo: document.body });
  await flushPromises();
  await frame();
  return w;
}

beforeEach(() => {
  pad.axes = [0, 1, 1];
  pad.buttons.forEach((b) => ((b.pressed = false), (b.value = 0)));
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('WheelCalibration', () => {
  it('shows the connected wheel with live axis and button values', async () => {
    const w = await setup();
    expect(w.get('[data-testid="wheel-pad"]').text()).toContain('Test Wheel');
    pad.axes[0] = -0.42;
    pad.buttons[3]!.pressed = true;
    await frame();
    expect(w.get('[data-testid="wheel-axis-0"]').attributes('data-value')).toBe('-0.42');
    expect(w.get('[data-testid="wheel-button-3"]').classes()).toContain('on');
    // The preview maps it as the exhibit would: turning left pans left.
    expect(Number(w.get('[data-testid="wheel-preview"]').attributes('data-pan'))).toBeLessThan(0);
  });

  it('detects the steering axis and a button, and saves the mapping for this kiosk and the running exhibit', async () => {
    const w = await setup();
    await w.get('[data-testid="wheel-learn-steer"]').trigger('click');
    pad.axes[2] = -0.9;
    await frame();
    expect((w.get('[data-testid="wheel-steer-axis"]').element as HTMLSelectElement).value).toBe('2');
    expect(w.get('[data-testid="wheel-invert"]').attributes('aria-checked')).toBe('true');
    pad.axes[2] = 1;
    await w.get('[data-testid="wheel-binding-select"] [data-testid="binding-learn"]').trigger('click');
    await frame();
    pad.buttons[6]!.pressed = true;
    await frame();
    expect(w.get('[data-testid="wheel-binding-select"]').attributes('data-index')).toBe('6');
    await w.get('[data-testid="wheel-dead-zone"] [data-testid="stepper-up"]').trigger('click');
    await w.get('[data-testid="wheel-save"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="wheel-status"]').text()).toBe('已保存');
    const saved = calls.find((c) => c.method === 'setExhibitConfig')!.payload as { key: string; value: WheelMapping };
    expect(saved.key).toBe('panorama.wheel');
    expect(saved.value.steer).toMatchObject({ axis: 2, invert: true, deadZone: 0.06 });
    expect(saved.value.select).toEqual({ kind: 'button', index: 6 });
    expect(usePanoramaStore().mapping.steer.axis).toBe(2);
  });

  it('shows whether the resting wheel sits inside the dead zone and the drift window, and saves the window', async () => {
    const w = await setup();
    const rest = () => w.get('[data-testid="wheel-rest"]');
    // Resting a little off centre (0.03 with the default 5 % dead zone) and still: no panning, not a visitor.
    pad.axes[0] = 0.03;
    await frame();
    await frame();
    expect(rest().attributes()).toMatchObject({ 'data-offset': '0.030', 'data-inside': 'true', 'data-still': 'true' });
    expect(w.get('[data-testid="wheel-rest-offset"]').text()).toBe('偏离中心 3.0%（死区 ±5.0%）');
    // Further off centre than the dead zone: the operator sees the view would pan by itself.
    pad.axes[0] = 0.08;
    await frame();
    expect(rest().attributes('data-inside')).toBe('false');
    expect(rest().text()).toContain('超出死区');
    // A jump within the window is over the drift threshold: it would count as a visitor.
    expect(Number(rest().attributes('data-span'))).toBeGreaterThan(0.04);
    expect(rest().attributes('data-still')).toBe('false');
    // "Set the current position as centre" brings the resting wheel back inside.
    await w.get('[data-testid="wheel-centre"]').trigger('click');
    await frame();
    await frame();
    expect(rest().attributes('data-offset')).toBe('0.000');
    expect(rest().attributes('data-inside')).toBe('true');

    // The drift window: shown with the live movement, stepped in 50 ms, saved with the mapping.
    const up = w.get('[data-testid="wheel-drift-window"] [data-testid="stepper-up"]');
    await up.trigger('click');
    await up.trigger('click');
    await frame();
    expect(w.get('[data-testid="wheel-rest-span"]').text()).toContain('600 毫秒内变化');
    await w.get('[data-testid="wheel-save"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="wheel-status"]').text()).toBe('已保存');
    const saved = calls.find((c) => c.method === 'setExhibitConfig')!.payload as { value: WheelMapping };
    expect(saved.value.drift).toEqual({ threshold: 0.04, windowMs: 600 });
    expect(saved.value.steer.centre).toBe(0.08);
    expect(usePanoramaStore().mapping.drift.windowMs).toBe(600);
  });

  it("shows the services' refusal with its reasons, and says when no wheel is connected", async () => {
    const w = await setup({ refuse: true });
    await w.get('[data-testid="wheel-save"]').trigger('click');
    await flushPromises();
    const status = w.get('[data-testid="wheel-status"]');
    expect(status.classes()).toContain('bad');
    expect(status.text()).toContain('value.steer.deadZone: too big');
    w.unmount();
    const none = await setup({ pads: false });
    expect(none.find('[data-testid="wheel-no-pad"]').exists()).toBe(true);
  });
});
