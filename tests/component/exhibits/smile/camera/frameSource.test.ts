import { describe, expect, it } from 'vitest';
import { seekVideo } from '../../../../../src/exhibits/smile/camera/frameSource';

/** A paused video element's seeking as the page sees it: setting currentTime starts a seek, `finish()` ends it. */
function fakeVideo(duration: number) {
  const listeners = new Set<() => void>();
  const sets: number[] = [];
  let time = 0;
  const video = {
    duration,
    seeking: false,
    paused: true,
    get currentTime() {
      return time;
    },
    set currentTime(t: number) {
      sets.push(t);
      time = t;
      video.seeking = true;
    },
    addEventListener: (_type: string, fn: () => void) => listeners.add(fn),
    removeEventListener: (_type: string, fn: () => void) => listeners.delete(fn),
    finish() {
      video.seeking = false;
      for (const fn of [...listeners]) fn();
    },
  };
  return { video, sets };
}

describe('seekVideo', () => {
  it('seeks to the time modulo the duration and resolves when the seek is over', async () => {
    const { video, sets } = fakeVideo(10);
    let done = false;
    const p = seekVideo(video as unknown as HTMLVideoElement, 12.5).then(() => (done = true));
    expect(sets).toEqual([2.5]);
    await Promise.resolve();
    expect(done).toBe(false);
    video.finish();
    await p;
    expect(done).toBe(true);
  });

  it('waits for a seek to the same place still under way instead of starting it again', async () => {
    const { video, sets } = fakeVideo(10);
    // The first wait gives up (its timeout) while the seek goes on.
    await seekVideo(video as unknown as HTMLVideoElement, 3, 5);
    expect(video.seeking).toBe(true);
    const again = seekVideo(video as unknown as HTMLVideoElement, 3);
    expect(sets).toEqual([3]);
    video.finish();
    await again;
    // Already there and not seeking: nothing to do.
    await seekVideo(video as unknown as HTMLVideoElement, 3);
    expect(sets).toEqual([3]);
  });
});
