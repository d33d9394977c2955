/**
 * The demo pack's `narrator` section (format: common/pack/narratorSection.ts): the figure's clips (renderFigure.ts),
 * their narration (espeak-ng, like the stories') and the presence timings, with the attract clip looped while nobody
 * is there.
 */
import { join } from 'node:path';
import type { Narration } from '../buildManifest';
import { NARRATOR_CLIPS, NARRATOR_TITLE } from './content';
import { renderFigureVideos } from './renderFigure';

export interface NarratorPart {
  section: Record<string, unknown>;
  paths: string[];
}

/** Renders the clips into `dir`/narrator/ and returns the section; `narrate(base, zh, en)` speaks a text in both languages. */
export async function renderNarrator(dir: string, narrate: (base: string, zh: string[], en: string[]) => Narration): Promise<NarratorPart> {
  await renderFigureVideos(NARRATOR_CLIPS.map((c) => ({ out: join(dir, `narrator/${c.id}.webm`), gesture: c.gesture })));
  const clips = NARRATOR_CLIPS.map((c) => ({
    id: c.id,
    video: `narrator/${c.id}.webm`,
    narration: narrate(`narrator/${c.id}`, [c.text.zh], [c.text.en]),
    ...(c.attract ? { attract: true } : {}),
  }));
  const paths = clips.flatMap((c) => [c.video, c.narration['zh-CN'].audio, c.narration.en.audio]);
  return {
    section: {
      title: { 'zh-CN': NARRATOR_TITLE.zh, en: NARRATOR_TITLE.en },
      clips,
      attractLoop: true,
      presence: { enterSeconds: 2, leaveSeconds: 5 },
    },
    paths,
  };
}
