import { describe, expect, it } from 'vitest';
import { FakeMedia } from '../../../fixtures/packs/fakeMedia';
import { NarrationPlayer, type NarrationState } from '../../../../src/exhibits/history/narrationPlayer';

const cues = [
  { start: 0, end: 2, text: 'one' },
  { start: 2, end: 4, text: 'two' },
  { start: 4, end: 6, text: 'three' },
];

function setup() {
  const media = new FakeMedia();
  const log: string[] = [];
  let state: NarrationState | null = null;
  const player = new NarrationPlayer(
    { onChange: (s) => (state = s), onStarted: (k) => log.push(`start ${k}`), onCompleted: (k) => log.push(`done ${k}`) },
    media,
  );
  return { media, log, player, state: () => state as unknown as NarrationState };
}

describe('NarrationPlayer', () => {
  it('plays, follows the audio time with the subtitle cue, and reports start and completion once each', () => {
    const { media, log, player, state } = setup();
    player.load('story:a', 'pack/a.ogg', cues, { autoplay: true });
    expect(media.src).toBe('pack/a.ogg');
    expect(state()).toMatchObject({ key: 'story:a', playing: true, cueIndex: 0 });
    media.advance(2.5, 6);
    expect(state()).toMatchObject({ time: 2.5, duration: 6, cueIndex: 1 });
    player.pause();
    expect(state().playing).toBe(false);
    player.play();
    media.advance(4.2, 6);
    expect(state().cueIndex).toBe(2);
    media.end();
    expect(state()).toMatchObject({ playing: false, ended: true });
    expect(log).toEqual(['start story:a', 'done story:a']);
    // Playing again after the end starts over and counts as a new start.
    player.play();
    expect(media.currentTime).toBe(0);
    expect(log).toEqual(['start story:a', 'done story:a', 'start story:a']);
  });

  it('loads another language from a given time without counting a new start', () => {
    const { media, log, player, state } = setup();
    player.load('story:a', 'pack/a-zh.ogg', cues, { autoplay: true });
    player.load('story:a', 'pack/a-en.ogg', cues, { autoplay: true, startAt: 2, countStart: false });
    expect(media.src).toBe('pack/a-en.ogg');
    expect(media.currentTime).toBe(2);
    expect(state()).toMatchObject({ cueIndex: 1, playing: true });
    expect(log).toEqual(['start story:a']);
  });

  it('stop silences and unloads, and a refused play() shows the play button again', async () => {
    const { media, player, state } = setup();
    player.load('hotspot:x', 'pack/x.ogg', cues, { autoplay: true });
    player.stop();
    expect(media.paused).toBe(true);
    expect(media.src).toBe('');
    expect(state()).toMatchObject({ key: null, playing: false });
    media.play = () => Promise.reject(new Error('NotAllowedError'));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      player.load('hotspot:x', 'pack/x.ogg', cues, { autoplay: true });
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      console.warn = warn;
    }
    expect(state().playing).toBe(false);
  });
});
