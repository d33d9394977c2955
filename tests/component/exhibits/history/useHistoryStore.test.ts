import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { countOf, installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';
import { FakeMedia } from '../../../fixtures/packs/fakeMedia';
import { historyManifest } from '../../../fixtures/packs/historyManifest';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { runSessionReset } from '../../../../src/shell/sessionReset';
import { useIdleStore } from '../../../../src/stores/useIdleStore';
import { useLanguageStore } from '../../../../src/stores/useLanguageStore';
import { narrationMedia } from '../../../../src/exhibits/history/narrationPlayer';
import { useHistoryStore } from '../../../../src/exhibits/history/useHistoryStore';

let media: FakeMedia;
let calls: { method: string; payload: unknown }[];

beforeEach(() => {
  setActivePinia(createPinia());
  media = new FakeMedia();
  narrationMedia.create = () => media;
  const saved = {
    mode: 'transparent',
    corners: [
      { x: 0.1, y: 0.1 },
      { x: 0.9, y: 0.1 },
      { x: 0.9, y: 0.9 },
      { x: 0.1, y: 0.9 },
    ],
  };
  ({ calls } = installFakeKiosk({ getExhibitConfig: () => ({ key: 'history.panel', value: saved, isDefault: false, updatedAt: 1 }) }));
  useContentPackStore().active = toActivePack({ manifest: historyManifest() });
});

describe('useHistoryStore', () => {
  it('lists the pack stories, and orders the timeline by year', () => {
    const h = useHistoryStore();
    expect(h.stories.map((s) => s.id)).toEqual(['wharf', 'water']);
    expect(h.timeline.map((s) => s.year)).toEqual([1883, 1920]);
  });

  it('opens a story on its first page and turns pages within bounds, counting each view', () => {
    const h = useHistoryStore();
    h.openStory('wharf');
    expect(h.screen).toBe('story');
    expect(h.page).toBe(0);
    h.prev();
    h.next();
    h.next();
    h.next();
    expect(h.page).toBe(2);
    h.goToPage(0);
    expect(countOf(calls, 'history.story_opened')).toBe(1);
    expect(countOf(calls, 'history.page_viewed')).toBe(4);
    h.openStory('no-such-story');
    expect(h.storyId).toBe('wharf');
  });

  it('plays the narration of the current language, with its cues and the pack URL', () => {
    const h = useHistoryStore();
    h.openStory('wharf');
    h.toggleNarration();
    expect(media.src).toBe('pack/wharf/voice-zh.ogg?v=test-pack%401.0.0');
    expect(h.narration).toMatchObject({ key: 'story:wharf', playing: true });
    media.advance(2.1, 6);
    expect(h.narration.cueIndex).toBe(1);
    expect(h.cues[h.narration.cueIndex]?.text).toBe('zh cue 2');
    h.toggleNarration();
    expect(h.narration.playing).toBe(false);
    media.end();
    expect(countOf(calls, 'history.narration_started')).toBe(1);
    expect(countOf(calls, 'history.narration_completed')).toBe(1);
  });

  it('switches the narration with the language, resuming at the same cue', async () => {
    const h = useHistoryStore();
    const lang = useLanguageStore();
    h.openStory('wharf');
    h.toggleNarration();
    media.advance(4.5, 6);
    lang.set('en');
    await nextTick();
    expect(media.src).toContain('voice-en.ogg');
    expect(media.currentTime).toBe(4);
    expect(h.narration).toMatchObject({ key: 'story:wharf', playing: true, cueIndex: 2 });
    expect(h.cues[2]?.text).toBe('en cue 3');
    expect(countOf(calls, 'history.narration_started')).toBe(1);
  });

  it('stops the narration when the visitor leaves the story, and on a session reset', () => {
    const h = useHistoryStore();
    h.openStory('wharf');
    h.toggleNarration();
    h.show('timeline');
    expect(media.paused).toBe(true);
    expect(h.narration.key).toBeNull();
    h.openStory('wharf');
    h.toggleNarration();
    expect(media.paused).toBe(false);
    runSessionReset();
    expect(media.paused).toBe(true);
    expect(media.src).toBe('');
    expect(h.screen).toBe('list');
    expect(h.storyId).toBeNull();
  });

  it('lights a touched hotspot and plays its narration; reads the kiosk panel settings', async () => {
    const h = useHistoryStore();
    await h.loadPanelConfig();
    expect(h.panelConfig.mode).toBe('transparent');
    const crane = h.panel!.hotspots[1]!;
    h.touchHotspot(crane);
    expect(h.litHotspot).toBe('crane');
    expect(media.src).toContain('panel/crane-zh.ogg');
    expect(h.narration).toMatchObject({ key: 'hotspot:crane', playing: true });
    expect(countOf(calls, 'history.hotspot_touched')).toBe(1);
  });

  it('keeps the visit alive while a narration plays, not while it is paused', async () => {
    vi.useFakeTimers();
    try {
      const idle = useIdleStore();
      idle.configure({ timeoutSeconds: 10, countdownSeconds: 5 });
      idle.setEnabled(true);
      const h = useHistoryStore();
      h.openStory('wharf');
      h.toggleNarration();
      for (let t = 1; t <= 15; t += 1) {
        vi.advanceTimersByTime(1000);
        media.advance(t, 100);
        await nextTick();
      }
      expect(idle.counting).toBe(false);
      h.toggleNarration();
      vi.advanceTimersByTime(10_500);
      expect(idle.counting).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts over when a new pack is applied', async () => {
    const h = useHistoryStore();
    h.openStory('wharf');
    useContentPackStore().active = toActivePack({ manifest: historyManifest({ version: '2.0.0' }) });
    await nextTick();
    expect(h.screen).toBe('list');
  });
});
