import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { countOf, installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';
import { FakeMedia } from '../../../fixtures/packs/fakeMedia';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { createKioskI18n } from '../../../../src/i18n';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { useLanguageStore } from '../../../../src/stores/useLanguageStore';
import HistoryView from '../../../../src/exhibits/history/HistoryView.vue';
import { narrationMedia } from '../../../../src/exhibits/history/narrationPlayer';

let media: FakeMedia;
let calls: { method: string; payload: unknown }[];

function setup(mode: 'screen' | 'transparent' = 'screen') {
  const pinia = createPinia();
  setActivePinia(pinia);
  media = new FakeMedia();
  narrationMedia.create = () => media;
  const corners = [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ];
  ({ calls } = installFakeKiosk({
    getExhibitConfig: () => ({ key: 'history.panel', value: { mode, corners }, isDefault: false, updatedAt: 1 }),
  }));
  useContentPackStore().active = toActivePack({ manifest: historyManifest() });
  const i18n = createKioskI18n('zh-CN');
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { render: () => null } }] });
  const wrapper = mount(HistoryView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body });
  return { wrapper, i18n };
}

const pointer = (type: string, x: number, id = 1) => new PointerEvent(type, { clientX: x, clientY: 300, pointerId: id, bubbles: true });

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('HistoryView', () => {
  it('lists story cards with cover, title and era, and opens a story on touch', async () => {
    const { wrapper } = setup();
    await flushPromises();
    const card = wrapper.get('[data-testid="story-card-wharf"]');
    expect(card.text()).toContain('码头');
    expect(card.text()).toContain('1920年前后');
    expect(card.get('img').attributes('src')).toBe('pack/wharf/cover.png?v=test-pack%401.0.0');
    await card.trigger('click');
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-page')).toBe('0');
    expect(wrapper.get('[data-testid="story-page-0"]').text()).toContain('第一页文字');
    expect(wrapper.get('[data-testid="page-indicator"]').text()).toBe('第 1 页，共 3 页');
  });

  it('turns pages with the big buttons and with a horizontal swipe, not with a two-finger move', async () => {
    const { wrapper } = setup();
    await wrapper.get('[data-testid="story-card-wharf"]').trigger('click');
    await wrapper.get('[data-testid="page-next"]').trigger('click');
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-page')).toBe('1');
    const stage = wrapper.get('.stage').element;
    stage.dispatchEvent(pointer('pointerdown', 900));
    stage.dispatchEvent(pointer('pointermove', 700));
    stage.dispatchEvent(pointer('pointerup', 600));
    await nextTick();
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-page')).toBe('2');
    // Two fingers (a pinch) never turn the page, whichever finger lifts last.
    stage.dispatchEvent(pointer('pointerdown', 900, 1));
    stage.dispatchEvent(pointer('pointerdown', 700, 2));
    stage.dispatchEvent(pointer('pointerup', 1200, 2));
    stage.dispatchEvent(pointer('pointerup', 1400, 1));
    await nextTick();
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-page')).toBe('2');
    await wrapper.get('[data-testid="page-prev"]').trigger('click');
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-page')).toBe('1');
    expect(countOf(calls, 'history.page_viewed')).toBe(4);
  });

  it('plays narration with highlighted subtitles, switches language, and goes quiet when leaving the story', async () => {
    const { wrapper, i18n } = setup();
    await wrapper.get('[data-testid="story-card-wharf"]').trigger('click');
    await wrapper.get('[data-testid="narration-toggle"]').trigger('click');
    media.advance(2.2, 6);
    await nextTick();
    expect(wrapper.get('[data-testid="subtitle"]').text()).toBe('zh cue 2');
    expect(wrapper.get('[data-testid="narration-toggle"]').attributes('data-state')).toBe('playing');
    useLanguageStore().current = 'en';
    i18n.global.locale.value = 'en';
    await nextTick();
    expect(media.src).toContain('voice-en.ogg');
    expect(wrapper.get('[data-testid="subtitle"]').text()).toBe('en cue 2');
    expect(wrapper.get('[data-testid="story-page-0"]').text()).toContain('Page one text');
    expect(wrapper.get('[data-testid="story-title"]').text()).toBe('The Wharf');
    await wrapper.get('[data-testid="story-back"]').trigger('click');
    expect(media.paused).toBe(true);
    expect(wrapper.find('[data-testid="story-list"]').exists()).toBe(true);
  });

  it('opens a story from the timeline, ordered by year', async () => {
    const { wrapper } = setup();
    await wrapper.get('[data-testid="tab-timeline"]').trigger('click');
    const years = wrapper.findAll('[data-testid^="timeline-year-"]').map((b) => b.attributes('data-testid'));
    expect(years).toEqual(['timeline-year-1883', 'timeline-year-1920']);
    await wrapper.get('[data-testid="timeline-year-1883"]').trigger('click');
    expect(wrapper.get('[data-testid="story-reader"]').attributes('data-story')).toBe('water');
  });

  it('in transparent-panel mode shows only the glowing hotspots on black; a touch lights one and narrates', async () => {
    const { wrapper } = setup('transparent');
    await flushPromises();
    expect(wrapper.get('[data-testid="history"]').attributes('data-screen')).toBe('panel');
    expect(wrapper.find('[data-testid="story-list"]').exists()).toBe(false);
    const gate = wrapper.get('[data-testid="hotspot-gate"]');
    await gate.trigger('click');
    expect(gate.classes()).toContain('lit');
    expect(media.src).toContain('panel/gate-zh.ogg');
    media.advance(0.5, 6);
    await nextTick();
    expect(wrapper.get('[data-testid="subtitle"]').text()).toBe('zh cue 1');
    expect(countOf(calls, 'history.hotspot_touched')).toBe(1);
    wrapper.unmount();
    expect(media.paused).toBe(true);
  });
});
