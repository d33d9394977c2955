import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SMILE_SETTINGS_DEFAULT, type SmileSettings } from '../../../../common/smileSettings';
import type { SmileStatusView } from '../../../../common/smileStatus';
import SmilePanel from '../../../../src/exhibits/smile/operator/SmilePanel.vue';
import { createKioskI18n } from '../../../../src/i18n';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { installScriptedKiosk } from './smileFixtures';

/** A camera as the browser lists it, and the stream getUserMedia gives for it (its track records stop()). */
function fakeCameras() {
  const track = { stop: vi.fn(), label: 'Fake USB Camera', getSettings: () => ({ deviceId: 'cam-1' }) };
  const stream = { getTracks: () => [track], getVideoTracks: () => [track] };
  const getUserMedia = vi.fn(async () => stream);
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: {
      getUserMedia,
      enumerateDevices: async () => [
        { kind: 'audioinput', deviceId: 'mic', label: 'Mic', groupId: 'g' },
        { kind: 'videoinput', deviceId: 'cam-1', label: 'Fake USB Camera', groupId: 'g' },
        { kind: 'videoinput', deviceId: 'cam-2', label: 'Doorway Camera', groupId: 'h' },
      ],
    },
  });
  return { track, getUserMedia };
}

const entry = (p: Partial<{ config: SmileSettings; status: SmileStatusView }> = {}) => ({
  getExhibitConfig: { key: 'smile', value: p.config ?? SMILE_SETTINGS_DEFAULT, isDefault: !p.config, updatedAt: null },
  setExhibitConfig: (req: unknown) => ({ key: 'smile', value: (req as { value: unknown }).value, isDefault: false, updatedAt: 1 }),
  getSmileStatus: p.status ?? { report: null, reportedAt: null, ageMs: null, stale: true },
});

async function mountPanel(answers = entry()) {
  const kiosk = installScriptedKiosk(answers);
  const pinia = createPinia();
  setActivePinia(pinia);
  const packs = useContentPackStore();
  packs.active = toActivePack({ manifest: { ...historyManifest(), smile: {} } });
  const wrapper = mount(SmilePanel, { global: { plugins: [pinia, createKioskI18n('zh-CN')] } });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find('[data-testid="smile-save"]').exists()).toBe(true));
  const saved = () => kiosk.calls.filter((c) => c.method === 'setExhibitConfig').map((c) => (c.payload as { value: SmileSettings }).value);
  return { wrapper, kiosk, saved };
}
const sel = (id: string) => `[data-testid="${id}"]`;

let cams: ReturnType<typeof fakeCameras>;
beforeEach(() => {
  cams = fakeCameras();
  // happy-dom's <video> cannot play a stream; the preview only needs play() to resolve.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("the smile meter's operator screen", () => {
  it('lists the cameras by label and id, previews the chosen one, saves it with its label, and stops the preview when closed', async () => {
    const { wrapper, saved } = await mountPanel();
    const options = wrapper.findAll(`${sel('smile-entry-device')} option`).map((o) => o.text());
    expect(options[0]).toBe('自动（第一个未被另一处使用的摄像头）');
    expect(options.slice(1)).toEqual(['Fake USB Camera · cam-1', 'Doorway Camera · cam-2']);
    await wrapper.get(sel('smile-entry-device')).setValue('cam-2');
    await flushPromises();
    expect(cams.getUserMedia).toHaveBeenLastCalledWith({ audio: false, video: { deviceId: { exact: 'cam-2' } } });
    await wrapper.get(sel('smile-entry-direction')).setValue('left-to-right');
    await wrapper.get(sel('smile-save')).trigger('click');
    await flushPromises();
    expect(wrapper.get(sel('smile-save-status')).text()).toBe('已保存');
    expect(saved()).toHaveLength(1);
    expect(saved()[0]?.cameras.entry).toEqual({
      ...SMILE_SETTINGS_DEFAULT.cameras.entry,
      source: { kind: 'camera', deviceId: 'cam-2', label: 'Doorway Camera' },
      direction: 'left-to-right',
    });
    expect(saved()[0]?.cameras.exit).toEqual(SMILE_SETTINGS_DEFAULT.cameras.exit);
    const stopsBefore = cams.track.stop.mock.calls.length;
    wrapper.unmount();
    expect(cams.track.stop.mock.calls.length).toBeGreaterThan(stopsBefore);
  });

  it('refuses an invalid form with the message next to the field, and saves nothing', async () => {
    const { wrapper, saved } = await mountPanel();
    await wrapper.get(sel('smile-threshold')).setValue('1.5');
    await wrapper.get(sel('smile-sample-fps')).setValue('');
    await wrapper.get(sel('smile-save')).trigger('click');
    await flushPromises();
    expect(wrapper.get(sel('error-threshold')).text()).toContain('1');
    expect(wrapper.find(sel('error-sampleFps')).exists()).toBe(true);
    expect(wrapper.get(sel('smile-save-status')).text()).toBe('请先改正标出的字段');
    expect(saved()).toEqual([]);
  });

  it('a problem in the exit camera opens its tab and shows there', async () => {
    const { wrapper, saved } = await mountPanel();
    await wrapper.get(sel('smile-tab-exit')).trigger('click');
    await wrapper.get(sel('smile-exit-min-face')).setValue('0.9');
    await wrapper.get(sel('smile-tab-entry')).trigger('click');
    await wrapper.get(sel('smile-save')).trigger('click');
    await flushPromises();
    expect(wrapper.get(sel('smile-tab-exit')).attributes('aria-selected')).toBe('true');
    expect(wrapper.get(sel('error-exit-minFaceSize')).text()).not.toBe('');
    expect(saved()).toEqual([]);
  });

  it("a video file as the source (the pack's demo video), and the switch off, are saved", async () => {
    const { wrapper, saved } = await mountPanel();
    await wrapper.get(sel('smile-entry-kind-video')).trigger('click');
    await wrapper.get(sel('smile-entry-video')).setValue('smile/demo-entry.webm');
    await wrapper.get(sel('smile-enabled')).trigger('click');
    await wrapper.get(sel('smile-save')).trigger('click');
    await flushPromises();
    expect(saved()[0]).toMatchObject({ enabled: false, cameras: { entry: { source: { kind: 'video', url: 'smile/demo-entry.webm' } } } });
  });

  it("shows the services' refusal next to the field it names", async () => {
    const answers = entry();
    const kiosk = await mountPanel(answers);
    kiosk.kiosk.failures.setExhibitConfig = {
      code: 'BAD_REQUEST',
      message: 'invalid value for exhibit setting "smile"',
      issues: [{ path: 'value.cameras.entry.roi', message: 'the region must lie inside the frame' }],
    };
    await kiosk.wrapper.get(sel('smile-save')).trigger('click');
    await flushPromises();
    expect(kiosk.wrapper.get(sel('error-entry-roi')).text()).toBe('the region must lie inside the frame');
  });

  it("shows each camera's state, tfjs backend, frame rate and last error from getSmileStatus", async () => {
    const cam = (role: 'entry' | 'exit', state: 'running' | 'retrying', backend: 'webgl' | 'wasm' | null, lastError: string | null) => ({
      role,
      state,
      backend,
      source: 'camera' as const,
      deviceLabel: 'Fake USB Camera',
      fps: 14.6,
      framesProcessed: 900,
      facesDescribed: 7,
      visitors: 12,
      smiling: 5,
      numTensors: 8,
      retries: 0,
      lastError,
      since: 0,
    });
    const { wrapper } = await mountPanel(
      entry({
        status: {
          report: {
            enabled: true,
            cameras: [
              {
                ...cam('entry', 'running', 'webgl', null),
                detectorInputSize: 288,
                smallestFace: 0.174,
                wasmMemoryBytes: 25 * 1048576,
                restarts: 2,
                lastLoss: 'camera "Fake USB Camera" ended (unplugged or taken away)',
              },
              cam('exit', 'retrying', null, 'NotFoundError: no camera'),
            ],
          },
          reportedAt: 1,
          ageMs: 2000,
          stale: false,
        },
      }),
    );
    await vi.waitFor(() => expect(wrapper.find(sel('smile-status-entry')).exists()).toBe(true));
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-state')}`).text()).toBe('运行中');
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-backend')}`).text()).toBe('webgl');
    expect(wrapper.get(sel('smile-status-entry')).text()).toContain('14.6');
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-faces')}`).text()).toBe('7');
    // The detector's chosen input and the smallest face it finds reliably; an older report without them shows a dash.
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-detector')}`).text()).toBe('288 · ≥ 17 %');
    expect(wrapper.get(`${sel('smile-status-exit')} ${sel('smile-status-detector')}`).text()).toBe('—');
    expect(wrapper.get(`${sel('smile-status-exit')} ${sel('smile-status-state')}`).text()).toBe('重试中');
    // Tensors and the worker's wasm memory; a report without the memory shows the tensors alone.
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-memory')}`).text()).toBe('8 · 25 MB');
    expect(wrapper.get(`${sel('smile-status-exit')} ${sel('smile-status-memory')}`).text()).toBe('8');
    expect(wrapper.get(sel('smile-status-exit')).text()).toContain('NotFoundError: no camera');
    // A camera that recovered still says how often it was lost and why.
    expect(wrapper.get(`${sel('smile-status-entry')} ${sel('smile-status-error')}`).text()).toBe(
      '已重新打开 2 次，上次原因：camera "Fake USB Camera" ended (unplugged or taken away)',
    );
  });
});
