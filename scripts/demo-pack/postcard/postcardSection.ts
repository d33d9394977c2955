/**
 * The demo pack's postcard part: queues the scenes as SVG -> PNG jobs, renders the transparent
 * frame overlays, and assembles the manifest's `postcard` section (format:
 * common/pack/postcardSection.ts). All art is original to this project and marked as demo.
 */
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CARD_H, CARD_W, FRAMES } from './frames';
import { renderOverlays } from './renderOverlays';
import { POSTCARD_SCENES, sceneSvg } from './scenes';

type QueuePng = (path: string, svg: string, colors?: number) => string;
const text = (b: { zh: string; en: string }): { 'zh-CN': string; en: string } => ({ 'zh-CN': b.zh, en: b.en });
const round4 = (v: number): number => Math.round(v * 10000) / 10000;

export const POSTMARK_STATION = { zh: '秦皇岛路码头 · 杨浦滨江', en: 'Qinhuangdao Rd Wharf · Yangpu Riverside' };

export interface PostcardPart {
  section: Record<string, unknown>;
  paths: string[];
  overlays: { path: string; svg: string }[];
}

export function planPostcard(png: QueuePng): PostcardPart {
  const scenes = POSTCARD_SCENES.map((s) => ({
    id: s.id,
    name: text(s.name),
    picture: png(`postcard/scenes/${s.id}.png`, sceneSvg(s), 64),
  }));
  const overlays = FRAMES.map((f) => ({ path: `postcard/frames/${f.id}.png`, svg: f.svg() }));
  const frames = FRAMES.map((f, i) => ({
    id: f.id,
    name: text(f.name),
    overlay: overlays[i]!.path,
    window: {
      x: round4(f.window.x / CARD_W),
      y: round4(f.window.y / CARD_H),
      width: round4(f.window.w / CARD_W),
      height: round4(f.window.h / CARD_H),
    },
  }));
  const section = {
    frames,
    scenes,
    postmark: { station: text(POSTMARK_STATION) },
    thankYou: text({ zh: '谢谢！欢迎再来滨江走走。（示例文本）', en: 'Thank you! Come back to the riverside soon. (demo text)' }),
  };
  return { section, overlays, paths: [...overlays.map((o) => o.path), ...scenes.map((s) => s.picture)] };
}

export async function renderPostcardOverlays(dir: string, overlays: PostcardPart['overlays']): Promise<void> {
  for (const o of overlays) mkdirSync(dirname(join(dir, o.path)), { recursive: true });
  await renderOverlays(overlays.map((o) => ({ svg: o.svg, out: join(dir, o.path), width: CARD_W, height: CARD_H })));
}
