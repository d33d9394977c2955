import type { Cue } from '../../../common/pack/manifest';
import { cueIndexAt } from './cues';

/** The part of HTMLMediaElement the player uses (so tests can drive a fake one in happy-dom). */
export interface MediaLike {
  src: string;
  currentTime: number;
  readonly duration: number;
  readonly paused: boolean;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  removeAttribute(name: string): void;
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** What the views show; the store keeps it reactive. */
export interface NarrationState {
  /** Which narration is loaded (e.g. `story:wharf`, `hotspot:gate`), or null. */
  key: string | null;
  playing: boolean;
  time: number;
  duration: number;
  cueIndex: number;
  ended: boolean;
}

export interface NarrationHooks {
  onChange(state: NarrationState): void;
  /** A narration was started from its beginning (counted once per load). */
  onStarted(key: string): void;
  /** A narration played to its end. */
  onCompleted(key: string): void;
}

export const idleNarration = (): NarrationState => ({ key: null, playing: false, time: 0, duration: 0, cueIndex: -1, ended: false });

/** How the player gets its media element; tests swap `create` for a fake. */
export const narrationMedia = { create: (): MediaLike => new Audio() };

/**
 * One narration at a time, over a single reused media element. Subtitle sync follows the element's
 * own `timeupdate` events (about 4 per second, https://html.spec.whatwg.org/multipage/media.html#event-media-timeupdate),
 * which keep working when page timers are frozen or faked.
 */
export class NarrationPlayer {
  private readonly media: MediaLike;
  private state = idleNarration();
  private cues: readonly Cue[] = [];
  private countedStart = false;
  private readonly listeners: [string, () => void][];

  constructor(
    private readonly hooks: NarrationHooks,
    media: MediaLike = narrationMedia.create(),
  ) {
    this.media = media;
    this.listeners = [
      ['timeupdate', () => this.sync()],
      ['durationchange', () => this.sync()],
      ['loadedmetadata', () => this.sync()],
      ['playing', () => this.update({ playing: true, ended: false })],
      ['pause', () => this.update({ playing: false })],
      ['ended', () => this.finish()],
    ];
    for (const [type, fn] of this.listeners) media.addEventListener(type, fn);
  }

  get current(): NarrationState {
    return this.state;
  }

  /** Loads a narration; `startAt` seconds in (a language switch resumes at the same cue). */
  load(key: string, url: string, cues: readonly Cue[], opts: { startAt?: number; autoplay?: boolean; countStart?: boolean } = {}): void {
    this.media.pause();
    this.cues = cues;
    this.countedStart = opts.countStart === false;
    this.media.src = url;
    this.media.load();
    const startAt = opts.startAt ?? 0;
    if (startAt > 0) this.media.currentTime = startAt;
    this.update({ ...idleNarration(), key, time: startAt, cueIndex: cueIndexAt(cues, startAt) });
    if (opts.autoplay) this.play();
  }

  play(): void {
    if (!this.state.key) return;
    if (this.state.ended) this.media.currentTime = 0;
    if (!this.countedStart || this.state.ended) {
      this.countedStart = true;
      this.hooks.onStarted(this.state.key);
    }
    this.update({ playing: true, ended: false });
    this.media.play().catch((err: unknown) => {
      // Autoplay refused or the file is unreadable: show the play button again rather than hang.
      console.warn(`narration ${this.state.key ?? ''} could not play: ${(err as Error).message}`);
      this.update({ playing: false });
    });
  }

  pause(): void {
    this.media.pause();
    this.update({ playing: false });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  /** Stops and unloads: nothing keeps talking after the visitor has left. */
  stop(): void {
    this.media.pause();
    this.media.removeAttribute('src');
    this.media.load();
    this.cues = [];
    this.update(idleNarration());
  }

  destroy(): void {
    this.stop();
    for (const [type, fn] of this.listeners) this.media.removeEventListener(type, fn);
  }

  private sync(): void {
    if (!this.state.key) return;
    const time = this.media.currentTime;
    const duration = Number.isFinite(this.media.duration) ? this.media.duration : 0;
    this.update({ time, duration, cueIndex: cueIndexAt(this.cues, time) });
  }

  private finish(): void {
    const key = this.state.key;
    if (!key) return;
    this.sync();
    this.update({ playing: false, ended: true });
    this.hooks.onCompleted(key);
  }

  private update(patch: Partial<NarrationState>): void {
    this.state = { ...this.state, ...patch };
    this.hooks.onChange(this.state);
  }
}
