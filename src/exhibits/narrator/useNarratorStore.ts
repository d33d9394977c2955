import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Cue, NarratorClip } from '../../../common/pack/manifest';
import { NARRATOR_PRESENCE_DEFAULT } from '../../../common/pack/narratorSection';
import { NARRATOR_SETTINGS_DEFAULT, NarratorSettingsSchema, type NarratorSettings } from '../../../common/narratorSettings';
import { kioskClient } from '../../api/client';
import { useContentPackStore } from '../../packs/useContentPackStore';
import { useKioskStore } from '../../stores/useKioskStore';
import { watchFacePresence } from '../smile';
import { NarratorDirector, type NarratorPhase, type NarratorPlay } from './narratorDirector';

/** How often the director re-checks its timings between frames (a lost camera sends none). */
const TICK_MS = 500;
/** How often the operator's settings are re-read while the screen shows. */
const SETTINGS_MS = 5000;

/**
 * The holographic narrator while its screen shows: the per-kiosk settings (camera, projection), the presence camera
 * (the smile meter's detector, faces in view only), the director that picks the clip, and the counts. Nothing of a
 * camera frame reaches this store: only a number of faces per frame.
 */
export const useNarratorStore = defineStore('narrator', () => {
  const packs = useContentPackStore();
  const settings = shallowRef<NarratorSettings>(NARRATOR_SETTINGS_DEFAULT);
  const play = shallowRef<NarratorPlay>(null);
  const phase = ref<NarratorPhase>('empty');
  const section = computed(() => packs.manifest?.narrator ?? null);
  const clip = computed<NarratorClip | null>(() =>
    play.value ? (section.value?.clips.find((c) => c.id === play.value!.clipId) ?? null) : null,
  );
  let director: NarratorDirector | null = null;
  let presence: { stop(): Promise<void> } | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let settingsTimer: ReturnType<typeof setInterval> | undefined;
  let running = false;
  /** A lesson step's clip asked for before the director runs (the screen is still loading its settings). */
  let pendingGuided: string | null = null;

  async function loadSettings(): Promise<void> {
    try {
      const parsed = NarratorSettingsSchema.safeParse((await kioskClient().getExhibitConfig({ key: 'narrator' })).value);
      if (parsed.success) settings.value = parsed.data;
    } catch {
      /* the services are away: the defaults (camera on, straight projection) */
    }
  }

  /** Starts the director and the presence camera for the current pack and settings (nothing when off or no section). */
  function begin(): void {
    const pack = section.value;
    if (!running || !pack || !settings.value.enabled) return;
    const timings = pack.presence ?? NARRATOR_PRESENCE_DEFAULT;
    const kiosk = useKioskStore();
    const d = new NarratorDirector({
      clips: pack.clips.map((c) => ({ id: c.id, attract: c.attract === true })),
      attractLoop: pack.attractLoop === true,
      enterMs: timings.enterSeconds * 1000,
      leaveMs: timings.leaveSeconds * 1000,
      now: () => Date.now(),
      onPlay: (p) => (play.value = p),
      onCount: (metric) => kiosk.record(metric),
    });
    director = d;
    d.start();
    if (pendingGuided) d.playGuided(pendingGuided);
    pendingGuided = null;
    phase.value = d.phase;
    const s = settings.value;
    presence = watchFacePresence({
      source: s.source,
      sampleFps: s.sampleFps,
      minFaceSize: s.minFaceSize,
      packUrl: (path) => packs.assetUrl(path),
      onFaces: (faces) => {
        d.faces(faces);
        phase.value = d.phase;
      },
    });
    timer = setInterval(() => {
      d.tick();
      phase.value = d.phase;
    }, TICK_MS);
  }

  function end(): void {
    clearInterval(timer);
    void presence?.stop();
    presence = null;
    director = null;
    play.value = null;
    phase.value = 'empty';
  }

  /** What a running camera depends on: a change restarts it; a projection change applies at once (it is reactive). */
  const cameraKey = (s: NarratorSettings) => JSON.stringify([s.enabled, s.source, s.sampleFps, s.minFaceSize]);

  async function start(): Promise<void> {
    if (running) return;
    running = true;
    await loadSettings();
    // A kiosk that shows only the narrator never reopens its screen: the operator's changes are picked up here.
    settingsTimer = setInterval(() => {
      const before = cameraKey(settings.value);
      void loadSettings().then(() => {
        if (!running || cameraKey(settings.value) === before) return;
        end();
        begin();
      });
    }, SETTINGS_MS);
    begin();
  }

  function stop(): void {
    running = false;
    pendingGuided = null;
    clearInterval(settingsTimer);
    end();
  }

  /**
   * A guide's lesson step: plays the clip now (common/pack/groupsSection.ts). Called as the screen opens, so the
   * director may not run yet: it then plays the clip as soon as it starts. A narrator the operator switched off plays
   * nothing (its screen says it is off).
   */
  function showClip(clipId: string): void {
    if (director) {
      director.playGuided(clipId);
      phase.value = director.phase;
    } else {
      pendingGuided = clipId;
    }
  }

  const clipEnded = (id: string) => director?.clipEnded(id);
  const clipFailed = (id: string) => director?.clipFailed(id);

  return { settings, play, phase, section, clip, start, stop, showClip, clipEnded, clipFailed };
});

/** The cue shown at `time` seconds, or null between cues. */
export function cueAt(cues: readonly Cue[], time: number): Cue | null {
  return cues.find((c) => time >= c.start && time < c.end) ?? null;
}
