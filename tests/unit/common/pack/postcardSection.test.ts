import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManifestSchema, PostcardSchema, type Postcard } from '../../../../common/pack/manifest';
import { collectReferences, jsonPathText, postcardFrameOverlays } from '../../../../common/pack/packReferences';

const guide = readFileSync(new URL('../../../../resources/packs/GUIDE.md', import.meta.url), 'utf8');
/** The guide's postcard example (the jsonc block that starts with "postcard"), so the documentation cannot drift. */
const example = (): Postcard => {
  const block = /```jsonc\n(\{\s*"postcard"[\s\S]*?)```/.exec(guide)?.[1];
  if (!block) throw new Error('GUIDE.md has no postcard example');
  return (JSON.parse(block) as { postcard: Postcard }).postcard;
};
const problems = (p: unknown): string[] => {
  const r = PostcardSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};

describe('PostcardSchema', () => {
  it('accepts the example of the guide', () => {
    expect(problems(example())).toEqual([]);
  });

  it('needs at least one frame and one scene, and a postmark in both languages', () => {
    const p = example();
    p.frames = [];
    p.scenes = [];
    expect(problems(p)).toEqual(['frames: at least one frame', 'scenes: at least one scene (visitors who do not want a photo choose one)']);
    const q = example() as unknown as { postmark: { station: Record<string, string> } };
    q.postmark.station = { 'zh-CN': '码头' };
    expect(problems(q)).toEqual(['postmark.station.en: Invalid input: expected string, received undefined']);
  });

  it('wants frame overlays as PNG, and the photo window inside the card', () => {
    const p = example();
    p.frames[0]!.overlay = 'postcard/frames/stamp.jpg';
    p.frames[0]!.window = { x: 0.5, y: 0.3, width: 0.6, height: 0.8 };
    expect(problems(p)).toEqual([
      'frames[0].overlay: a frame overlay must be a PNG (it needs transparency where the photo shows)',
      "frames[0].window.width: the window reaches past the card's right edge (x 0.5 + width 0.6 > 1)",
      "frames[0].window.height: the window reaches past the card's bottom edge (y 0.3 + height 0.8 > 1)",
    ]);
  });

  it('refuses duplicate ids and unknown fields', () => {
    const p = example() as Postcard & { extra?: number };
    p.scenes.push({ ...p.scenes[0]! });
    p.frames.push({ ...p.frames[1]! });
    p.extra = 1;
    const out = problems(p);
    expect(out).toContain('frames[2].id: frame id "full-bleed" is used twice');
    expect(out).toContain('scenes[1].id: scene id "promenade-day" is used twice');
    expect(out.some((x) => /extra/.test(x))).toBe(true);
  });

  it('lists its pictures as references, so the manifest check finds unlisted ones; overlays separately for the aspect check', () => {
    const p = example();
    const refs = collectReferences({ postcard: p }).map((r) => `${jsonPathText(r.path)}=${r.asset}`);
    expect(refs).toEqual([
      'postcard.frames[0].overlay=postcard/frames/stamp.png',
      'postcard.frames[1].overlay=postcard/frames/full.png',
      'postcard.scenes[0].picture=postcard/scenes/promenade.jpg',
    ]);
    expect(postcardFrameOverlays({ postcard: p }).map((r) => r.asset)).toEqual(['postcard/frames/stamp.png', 'postcard/frames/full.png']);
    const manifest = {
      schemaVersion: 1,
      id: 'p-test',
      version: '1.0.0',
      title: { 'zh-CN': '测', en: 'T' },
      author: 'a',
      date: '2026-01-01',
      assets: [],
      postcard: p,
    };
    const r = ManifestSchema.safeParse(manifest);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => jsonPathText(i.path))).toContain('postcard.frames[0].overlay');
  });
});
