import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowRef, watch } from 'vue';
import { EXHIBIT_CONFIG, HistoryPanelConfigSchema, type HistoryPanelConfig } from '../../../common/exhibitConfig';
import type { Hotspot, Narration, Story } from '../../../common/pack/manifest';
import { kioskClient } from '../../api/client';
import { useContentPackStore } from '../../packs/useContentPackStore';
import { onSessionReset } from '../../shell/sessionReset';
import { useIdleStore } from '../../stores/useIdleStore';
import { useKioskStore } from '../../stores/useKioskStore';
import { useLanguageStore } from '../../stores/useLanguageStore';
import { resumeTimeFor } from './cues';
import { idleNarration, NarrationPlayer, type NarrationState } from './narrationPlayer';

export type HistoryScreen = 'list' | 'timeline' | 'story';

/**
 * The red-history exhibit's state: which screen, story and page show, the narration, and this
 * kiosk's panel settings (screen or transparent panel, corner calibration). Everything visible
 * comes from the active content pack's `history` section.
 */
export const useHistoryStore = defineStore('history', () => {
  const packs = useContentPackStore();
  const language = useLanguageStore();
  const kiosk = useKioskStore();

  const section = computed(() => packs.manifest?.history ?? null);
  const stories = computed<Story[]>(() => section.value?.stories ?? []);
  const panel = computed(() => section.value?.panel ?? null);
  /** Stories by year (then by their order in the pack), for the timeline. */
  const timeline = computed(() =>
    stories.value
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.year - b.s.year || a.i - b.i)
      .map((x) => x.s),
  );

  const screen = ref<HistoryScreen>('list');
  const storyId = ref<string | null>(null);
  const page = ref(0);
  const story = computed(() => stories.value.find((s) => s.id === storyId.value) ?? null);
  const pageCount = computed(() => story.value?.pages.length ?? 0);

  const panelConfig = shallowRef<HistoryPanelConfig>(structuredClone(EXHIBIT_CONFIG['history.panel'].default));
  const litHotspot = ref<string | null>(null);

  const narration = reactive<NarrationState>(idleNarration());
  let player: NarrationPlayer | null = null;
  function getPlayer(): NarrationPlayer {
    player ??= markRaw(
      new NarrationPlayer({
        onChange: (s) => Object.assign(narration, s),
        onStarted: () => kiosk.record('history.narration_started'),
        onCompleted: () => kiosk.record('history.narration_completed'),
      }),
    );
    return player;
  }

  /** The narration a key names (`story:<id>` or `hotspot:<id>`), from the current pack. */
  function narrationOf(key: string | null): Narration | null {
    if (!key) return null;
    const [kind, id] = key.split(':', 2);
    if (kind === 'story') return stories.value.find((s) => s.id === id)?.narration ?? null;
    if (kind === 'hotspot') return panel.value?.hotspots.find((h) => h.id === id)?.narration ?? null;
    return null;
  }
  const track = computed(() => narrationOf(narration.key)?.[language.current] ?? null);
  const cues = computed(() => track.value?.cues ?? []);

  function startNarration(key: string, opts: { startAt?: number; countStart?: boolean } = {}): void {
    const t = narrationOf(key)?.[language.current];
    if (!t) return;
    getPlayer().load(key, packs.assetUrl(t.audio), t.cues, { ...opts, autoplay: true });
  }

  function toggleNarration(): void {
    const key = story.value?.narration ? `story:${story.value.id}` : null;
    if (key && narration.key !== key) startNarration(key);
    else getPlayer().toggle();
  }

  function stopNarration(): void {
    if (narration.key !== null) player?.stop();
  }

  function viewPage(i: number): void {
    page.value = i;
    kiosk.record('history.page_viewed');
  }

  function openStory(id: string): void {
    if (!stories.value.some((s) => s.id === id)) return;
    stopNarration();
    storyId.value = id;
    screen.value = 'story';
    kiosk.record('history.story_opened');
    viewPage(0);
  }

  function goToPage(i: number): void {
    if (!story.value || i < 0 || i >= pageCount.value || i === page.value) return;
    viewPage(i);
  }
  const next = (): void => goToPage(page.value + 1);
  const prev = (): void => goToPage(page.value - 1);

  /** Leaving a story (to the list or the timeline) silences it. */
  function show(s: Exclude<HistoryScreen, 'story'>): void {
    stopNarration();
    screen.value = s;
    storyId.value = null;
    page.value = 0;
  }

  function touchHotspot(h: Hotspot): void {
    kiosk.record('history.hotspot_touched');
    litHotspot.value = h.id;
    startNarration(`hotspot:${h.id}`);
  }

  async function loadPanelConfig(): Promise<void> {
    try {
      const res = await kioskClient().getExhibitConfig({ key: 'history.panel' });
      panelConfig.value = HistoryPanelConfigSchema.parse(res.value);
    } catch (err) {
      console.warn(`history panel settings not loaded, using the default: ${(err as Error).message}`);
    }
  }

  /** A new visitor (idle timeout, "start over") or leaving the exhibit: back to the story list, silent. */
  function reset(): void {
    show('list');
    litHotspot.value = null;
  }
  onSessionReset(reset);

  // A language switch changes the narration too: the other language's track, from the same cue.
  watch(
    () => language.current,
    () => {
      const key = narration.key;
      if (!key) return;
      const old = narration.cueIndex;
      const wasPlaying = narration.playing;
      const t = track.value;
      if (!t) return;
      getPlayer().load(key, packs.assetUrl(t.audio), t.cues, {
        startAt: resumeTimeFor(t.cues, old),
        autoplay: wasPlaying,
        countStart: false,
      });
    },
  );
  // Someone listening is still visiting: a playing narration keeps the idle timeout from running
  // out under them (it starts counting again when the narration ends or is paused).
  const idle = useIdleStore();
  watch(
    () => narration.time,
    () => {
      if (narration.playing) idle.activity();
    },
  );
  // A new pack (applied only at the attract screen) invalidates ids: start over.
  watch(() => packs.key, reset);

  return {
    section,
    stories,
    panel,
    timeline,
    screen,
    storyId,
    page,
    story,
    pageCount,
    panelConfig,
    litHotspot,
    narration,
    cues,
    openStory,
    goToPage,
    next,
    prev,
    show,
    toggleNarration,
    startNarration,
    stopNarration,
    touchHotspot,
    loadPanelConfig,
    reset,
  };
});
