/**
 * What the holographic narrator plays, decided from what its camera sees: pure logic on a clock the caller gives (a
 * fake one in tests), no timers of its own. The view feeds it each looked-at frame's face count (`faces`), calls
 * `tick()` now and then (a lost camera sends no frames, and the visitor must still be seen to leave) and reports the
 * end of each clip (`clipEnded`); the director says what to play through `onPlay`.
 *
 * - Nobody there: the attract clips in a loop, if the pack asks for it, else nothing (black: nothing on the glass).
 * - A face seen for `enterMs` (short misses of the detector, under `gapMs`, do not restart that wait): a stay
 *   begins and the visitor clips play one after the other, each at most once in that stay; when all were played the
 *   narrator falls silent until the visitor leaves. Successive stays start at the next clip in the pack's order, so
 *   the next visitor does not always hear the first one.
 * - No face for `leaveMs`: the stay ends, the clip playing stops (not counted as completed) and the attract loop
 *   (if any) comes back.
 * - A guide's lesson step asks for a clip (`playGuided`): it plays at once, even with nobody seen (a group stands
 *   further back than one visitor, and the guide chose the moment); leaving does not cut it off. When it ends the
 *   narrator stays quiet while anyone is seen (the guide goes on talking) and returns to the attract loop after.
 * Counts: `narrator.clip_started` when a visitor or guided clip starts, `narrator.clip_completed` when it plays to
 * its end.
 */
export interface DirectorClip {
  id: string;
  attract: boolean;
}

export type NarratorPlay = { kind: 'visitor' | 'attract' | 'guided'; clipId: string } | null;
export type NarratorPhase = 'empty' | 'arriving' | 'present';
export type NarratorCount = 'narrator.clip_started' | 'narrator.clip_completed';

export interface DirectorOptions {
  clips: readonly DirectorClip[];
  attractLoop: boolean;
  enterMs: number;
  leaveMs: number;
  /** Longest run of frames without a face that still counts as one continuous sighting while arriving (default 1 s). */
  gapMs?: number;
  now(): number;
  onPlay(play: NarratorPlay): void;
  onCount(metric: NarratorCount): void;
}

export class NarratorDirector {
  private phaseNow: NarratorPhase = 'empty';
  private sightingStart = 0;
  private lastFace = Number.NEGATIVE_INFINITY;
  private playing: NarratorPlay = null;
  private playedThisStay = new Set<string>();
  /** Index (in visitor clips) where the next stay starts. */
  private nextStayStart = 0;
  private attractIndex = 0;
  private readonly visitorClips: string[];
  private readonly attractClips: string[];
  private readonly gapMs: number;

  constructor(private readonly options: DirectorOptions) {
    this.visitorClips = options.clips.filter((c) => !c.attract).map((c) => c.id);
    this.attractClips = options.attractLoop ? options.clips.filter((c) => c.attract).map((c) => c.id) : [];
    this.gapMs = Math.min(options.gapMs ?? 1000, options.leaveMs);
  }

  get phase(): NarratorPhase {
    return this.phaseNow;
  }

  get current(): NarratorPlay {
    return this.playing;
  }

  /** Starts the attract loop, if any (call once the view is ready to play). */
  start(): void {
    if (this.phaseNow !== 'present' && !this.playing) this.playAttract();
  }

  /** One looked-at frame: how many faces were in view. */
  faces(count: number): void {
    const now = this.options.now();
    if (count > 0) {
      if (this.phaseNow === 'empty' || now - this.lastFace > this.gapMs) {
        if (this.phaseNow !== 'present') {
          this.phaseNow = 'arriving';
          this.sightingStart = now;
        }
      }
      this.lastFace = now;
    }
    this.tick();
  }

  /** Re-evaluates the timings at the current time. */
  tick(): void {
    const now = this.options.now();
    if (this.phaseNow === 'arriving') {
      if (now - this.lastFace > this.gapMs) this.phaseNow = 'empty';
      else if (this.lastFace - this.sightingStart >= this.options.enterMs) this.beginStay();
    } else if (this.phaseNow === 'present' && now - this.lastFace >= this.options.leaveMs && this.playing?.kind !== 'guided') {
      this.endStay();
    }
  }

  /**
   * A guide's lesson step: plays `clipId` now, from its start (asked again, again from its start). Answers false for
   * a clip the pack does not have.
   */
  playGuided(clipId: string): boolean {
    if (!this.options.clips.some((c) => c.id === clipId)) return false;
    this.phaseNow = 'present';
    // Whoever stands there has now heard this clip: the stay's own clips do not repeat it.
    this.playedThisStay.add(clipId);
    // The stay runs from now, so a group the camera never sees ends it `leaveMs` after the clip.
    this.lastFace = this.options.now();
    this.setPlay({ kind: 'guided', clipId });
    this.options.onCount('narrator.clip_started');
    return true;
  }

  /** The clip `clipId` played to its end. */
  clipEnded(clipId: string): void {
    const playing = this.playing;
    if (!playing || playing.clipId !== clipId) return;
    if (playing.kind === 'guided') {
      this.options.onCount('narrator.clip_completed');
      this.quietAfterGuidedClip();
    } else if (playing.kind === 'visitor') {
      this.options.onCount('narrator.clip_completed');
      this.playNextVisitorClip();
    } else {
      this.playAttract();
    }
  }

  /** The clip could not be played (a broken file): moves on as if it had ended, without counting it completed. */
  clipFailed(clipId: string): void {
    const playing = this.playing;
    if (!playing || playing.clipId !== clipId) return;
    if (playing.kind === 'guided') this.quietAfterGuidedClip();
    else if (playing.kind === 'visitor') this.playNextVisitorClip();
    else this.setPlay(null); // an attract clip that fails would fail again in a loop: black until the next visitor
  }

  private beginStay(): void {
    this.phaseNow = 'present';
    this.playedThisStay = new Set();
    this.playNextVisitorClip();
  }

  private endStay(): void {
    this.phaseNow = 'empty';
    this.playedThisStay = new Set();
    this.setPlay(null);
    this.playAttract();
  }

  /** After a guided clip: silence while the group is there (its leaving, seen or not, brings the attract loop back). */
  private quietAfterGuidedClip(): void {
    this.playedThisStay = new Set(this.visitorClips);
    this.lastFace = Math.max(this.lastFace, this.options.now());
    this.setPlay(null);
    this.tick();
  }

  private playNextVisitorClip(): void {
    const n = this.visitorClips.length;
    for (let k = 0; k < n; k++) {
      const index = (this.nextStayStart + k) % n;
      const id = this.visitorClips[index]!;
      if (this.playedThisStay.has(id)) continue;
      this.playedThisStay.add(id);
      this.nextStayStart = (index + 1) % n;
      this.setPlay({ kind: 'visitor', clipId: id });
      this.options.onCount('narrator.clip_started');
      return;
    }
    this.setPlay(null); // everything told in this stay: quiet until the visitor leaves
  }

  private playAttract(): void {
    if (this.attractClips.length === 0) return this.setPlay(null);
    const id = this.attractClips[this.attractIndex % this.attractClips.length]!;
    this.attractIndex = (this.attractIndex + 1) % this.attractClips.length;
    this.setPlay({ kind: 'attract', clipId: id });
  }

  private setPlay(play: NarratorPlay): void {
    this.playing = play;
    this.options.onPlay(play);
  }
}
