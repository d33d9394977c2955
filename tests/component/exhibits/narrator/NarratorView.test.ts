import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NARRATOR_SETTINGS_DEFAULT } from '../../../../common/narratorSettings';
import narrator from '../../../../src/exhibits/narrator';
import NarratorView from '../../../../src/exhibits/narrator/NarratorView.vue';
import { createKioskI18n } from '../../../../src/i18n';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { createKioskRouter } from '../../../../src/router';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { installScriptedKiosk } from '../smile/smileFixtures';

/** The presence camera is replaced by a hand that reports faces: the test is about what the screen plays. */
const presence = vi.hoisted(() => ({ onFaces: null as null | ((faces: number, at: number) => void), stopped: 0 }));
vi.mock('../../../../src/exhibits/smile', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../src/exhibits/smile')>()),
  watchFacePresence: (o: { onFaces(faces: number, at: number): void }) => {
    presence.onFaces = o.onFaces;
    return { stop: async () => void presence.stopped++ };
  },
}));

const track = (id: string, lang: string, text: string) => ({ audio: `narrator/${id}-${lang}.opus`, cues: [{ start: 0, end: 2, text }] });
const clip = (id: string, attract = false) => ({
  id,
  video: `narrator/${id}.webm`,
  narration: { 'zh-CN': track(id, 'zh', `${id}：中文`), en: track(id, 'en', `${id}: English`) },
  ...(attract ? { attract: true } : {}),
});

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount());
  vi.useRealTimers();
});

/** `guidedClip`: a lesson step asks for this clip as the screen opens (before the screen has read its settings). */
async function mountView(guidedClip?: string) {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  const kiosk = installScriptedKiosk({
    getExhibitConfig: {
      key: 'narrator',
      value: { ...NARRATOR_SETTINGS_DEFAULT, projection: { mirror: 'horizontal', rotate: 90, scale: 0.5, blackLevel: 0.1 } },
      isDefault: false,
      updatedAt: 1,
    },
    recordUsage: { recorded: true },
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const packs = useContentPackStore();
  packs.active = toActivePack({
    manifest: {
      ...historyManifest(),
      narrator: {
        clips: [clip('welcome', true), clip('river'), clip('wharf')],
        attractLoop: true,
        presence: { enterSeconds: 2, leaveSeconds: 5 },
      },
    },
  });
  packs.loaded = true;
  const wrapper = mount(NarratorView, { global: { plugins: [pinia, createKioskRouter(), createKioskI18n('zh-CN')] } });
  if (guidedClip) await narrator.showTarget?.({ kind: 'narrator', clip: guidedClip });
  await flushPromises();
  mounted.push(wrapper);
  const faces = async (seconds: number, n: number) => {
    for (let i = 0; i < seconds * 4; i++) {
      vi.advanceTimersByTime(250);
      presence.onFaces?.(n, Date.now());
    }
    await flushPromises();
  };
  return { wrapper, kiosk, faces };
}

describe('NarratorView', () => {
  it("loops the attract clip, speaks to a face with subtitles on the operator's projection, and counts only visitor clips", async () => {
    const { wrapper, kiosk, faces } = await mountView();
    const root = wrapper.get('[data-testid="narrator"]');
    expect(root.attributes('data-kind')).toBe('attract');
    expect(wrapper.get('[data-testid="narrator-video"]').attributes('src')).toContain('narrator/welcome.webm');
    expect(wrapper.get('[data-testid="narrator-stage"]').attributes('style')).toContain('rotate(90deg) scale(0.5) scaleX(-1)');
    await faces(2.5, 1);
    expect(root.attributes('data-phase')).toBe('present');
    expect(root.attributes('data-clip')).toBe('river');
    expect(wrapper.get('[data-testid="narrator-video"]').attributes('src')).toContain('narrator/river.webm');
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(audio.getAttribute('src')).toContain('narrator/river-zh.opus');
    audio.currentTime = 1;
    audio.dispatchEvent(new Event('timeupdate'));
    await flushPromises();
    expect(wrapper.get('[data-testid="narrator-subtitle"]').text()).toBe('river：中文');
    audio.dispatchEvent(new Event('ended'));
    await flushPromises();
    expect(root.attributes('data-clip')).toBe('wharf');
    await faces(6, 0);
    expect(root.attributes('data-phase')).toBe('empty');
    expect(root.attributes('data-kind')).toBe('attract');
    const metrics = kiosk.calls.filter((c) => c.method === 'recordUsage').map((c) => (c.payload as { metric: string }).metric);
    expect(metrics).toEqual(['narrator.clip_started', 'narrator.clip_completed', 'narrator.clip_started']);
  });

  it("applies the operator's projection change while it shows, and restarts the camera only for a camera change", async () => {
    const { wrapper, kiosk } = await mountView();
    const stoppedBefore = presence.stopped;
    const projection = { mirror: 'vertical', rotate: 180, scale: 1, blackLevel: 0 };
    kiosk.answers.getExhibitConfig = {
      key: 'narrator',
      value: { ...NARRATOR_SETTINGS_DEFAULT, projection },
      isDefault: false,
      updatedAt: 2,
    };
    vi.advanceTimersByTime(5000);
    await flushPromises();
    expect(wrapper.get('[data-testid="narrator-stage"]').attributes('style')).toContain('rotate(180deg) scale(1) scaleY(-1)');
    expect(presence.stopped).toBe(stoppedBefore);
    kiosk.answers.getExhibitConfig = {
      key: 'narrator',
      value: { ...NARRATOR_SETTINGS_DEFAULT, projection, minFaceSize: 0.3 },
      isDefault: false,
      updatedAt: 3,
    };
    vi.advanceTimersByTime(5000);
    await flushPromises();
    expect(presence.stopped).toBe(stoppedBefore + 1);
    expect(wrapper.get('[data-testid="narrator"]').attributes('data-kind')).toBe('attract');
  });

  it("plays a lesson step's clip as the screen opens, with nobody in front, and counts it", async () => {
    const { wrapper, kiosk, faces } = await mountView('wharf');
    const root = wrapper.get('[data-testid="narrator"]');
    expect(root.attributes('data-kind')).toBe('guided');
    expect(root.attributes('data-clip')).toBe('wharf');
    expect((wrapper.get('audio').element as HTMLAudioElement).getAttribute('src')).toContain('narrator/wharf-zh.opus');
    await faces(10, 0);
    expect(root.attributes('data-clip')).toBe('wharf');
    wrapper.get('audio').element.dispatchEvent(new Event('ended'));
    await flushPromises();
    expect(root.attributes('data-clip')).toBe('');
    await faces(6, 0);
    expect(root.attributes('data-kind')).toBe('attract');
    // The step asked again (the guide went back to it) plays it from the start once more.
    await narrator.showTarget?.({ kind: 'narrator', clip: 'wharf' });
    await flushPromises();
    expect(root.attributes('data-kind')).toBe('guided');
    const metrics = kiosk.calls.filter((c) => c.method === 'recordUsage').map((c) => (c.payload as { metric: string }).metric);
    expect(metrics).toEqual(['narrator.clip_started', 'narrator.clip_completed', 'narrator.clip_started']);
  });

  it('stops its camera when the screen closes', async () => {
    const before = presence.stopped;
    const { wrapper } = await mountView();
    mounted.splice(0);
    wrapper.unmount();
    expect(presence.stopped).toBe(before + 1);
  });
});
