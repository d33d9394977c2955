import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../../../common/pack/manifest';
import { collectReferences, jsonPathText } from '../../../../common/pack/packReferences';

const SHA = 'a'.repeat(64);
const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const narration = (id: string) => ({
  'zh-CN': { audio: `narrator/${id}.zh-CN.wav`, cues: [{ start: 0, end: 2, text: '你好' }] },
  en: { audio: `narrator/${id}.en.wav`, cues: [{ start: 0, end: 2, text: 'Hello' }] },
});
const clip = (id: string, extra: object = {}) => ({ id, video: `narrator/${id}.webm`, narration: narration(id), ...extra });
const assetsFor = (ids: string[]) =>
  ids.flatMap((id) => [
    { path: `narrator/${id}.webm`, type: 'video' },
    { path: `narrator/${id}.zh-CN.wav`, type: 'audio' },
    { path: `narrator/${id}.en.wav`, type: 'audio' },
  ]);
const base = (narrator: unknown, assets: { path: string; type: string }[] = []) => ({
  schemaVersion: 1,
  id: 'narrator-test',
  version: '1.0.0',
  title: both('测试', 'Test'),
  author: 'tests',
  date: '2026-12-06',
  assets: assets.map((a) => ({ ...a, bytes: 10, sha256: SHA })),
  narrator,
});
const problems = (m: unknown): string[] => {
  const r = ManifestSchema.safeParse(m);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};

describe("the pack's narrator section", () => {
  it('accepts clips with a video and narration in both languages, an attract loop and presence timings', () => {
    const m = base(
      {
        title: both('全息讲解员', 'Holographic narrator'),
        clips: [clip('welcome', { attract: true }), clip('river')],
        attractLoop: true,
        presence: { enterSeconds: 3, leaveSeconds: 8 },
      },
      assetsFor(['welcome', 'river']),
    );
    expect(problems(m)).toEqual([]);
    expect(
      collectReferences(m)
        .filter((r) => r.path[0] === 'narrator')
        .map((r) => [jsonPathText(r.path), r.expect]),
    ).toEqual([
      ['narrator.clips[0].video', 'video'],
      ['narrator.clips[0].narration.zh-CN.audio', 'audio'],
      ['narrator.clips[0].narration.en.audio', 'audio'],
      ['narrator.clips[1].video', 'video'],
      ['narrator.clips[1].narration.zh-CN.audio', 'audio'],
      ['narrator.clips[1].narration.en.audio', 'audio'],
    ]);
  });

  it('refuses a clip whose files are not listed in assets, or a video given as an image', () => {
    const missing = problems(base({ clips: [clip('river')] }, []));
    expect(missing.some((p) => p.startsWith('narrator.clips[0].video'))).toBe(true);
    expect(missing.some((p) => p.startsWith('narrator.clips[0].narration.en.audio'))).toBe(true);
    const wrongKind = problems(
      base({ clips: [{ ...clip('river'), video: 'narrator/river.png' }] }, [
        ...assetsFor(['river']),
        { path: 'narrator/river.png', type: 'image' },
      ]),
    );
    expect(wrongKind.some((p) => p.startsWith('narrator.clips[0].video'))).toBe(true);
  });

  it("requires both languages of every clip's narration", () => {
    const half = { ...clip('river'), narration: { 'zh-CN': narration('river')['zh-CN'] } };
    expect(problems(base({ clips: [half] }, assetsFor(['river'])))).toContainEqual(
      expect.stringMatching(/^narrator\.clips\[0\]\.narration\.en/),
    );
  });

  it('refuses duplicate clip ids, a pack of attract clips only and an attract loop without attract clips', () => {
    expect(problems(base({ clips: [clip('river'), clip('river')] }, assetsFor(['river'])))).toContain(
      'narrator.clips[1].id: clip id "river" is used twice',
    );
    expect(problems(base({ clips: [clip('welcome', { attract: true })] }, assetsFor(['welcome'])))).toContain(
      'narrator.clips: at least one clip must be spoken to visitors (not `attract: true`)',
    );
    expect(problems(base({ clips: [clip('river')], attractLoop: true }, assetsFor(['river'])))).toContain(
      'narrator.attractLoop: `attractLoop` is true but no clip has `attract: true`',
    );
  });

  it('keeps presence timings within sensible bounds and refuses unknown keys', () => {
    expect(problems(base({ clips: [clip('river')], presence: { enterSeconds: 0, leaveSeconds: 5 } }, assetsFor(['river'])))[0]).toMatch(
      /^narrator\.presence\.enterSeconds/,
    );
    expect(problems(base({ clips: [clip('river')], presence: { enterSeconds: 2, leaveSeconds: 500 } }, assetsFor(['river'])))[0]).toMatch(
      /^narrator\.presence\.leaveSeconds/,
    );
    expect(problems(base({ clips: [clip('river')], loop: true }, assetsFor(['river'])))[0]).toMatch(/^narrator/);
  });
});
