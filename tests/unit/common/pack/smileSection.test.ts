import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../../../common/pack/manifest';
import { collectReferences, jsonPathText } from '../../../../common/pack/packReferences';
import { SMILE_WORDING_KEYS } from '../../../../common/pack/smileSection';

const SHA = 'a'.repeat(64);
const base = (smile: unknown, assets: { path: string; type: string }[] = []) => ({
  schemaVersion: 1,
  id: 'smile-test',
  version: '1.0.0',
  title: { 'zh-CN': '测试', en: 'Test' },
  author: 'tests',
  date: '2026-11-23',
  assets: assets.map((a) => ({ ...a, bytes: 10, sha256: SHA })),
  smile,
});
const problems = (m: unknown): string[] => {
  const r = ManifestSchema.safeParse(m);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};
const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe("the pack's smile section", () => {
  it("an empty section is complete: the kiosk's own words are used", () => {
    expect(problems(base({}))).toEqual([]);
  });

  it('accepts every wording text and two demo videos listed in assets', () => {
    const wording = Object.fromEntries(SMILE_WORDING_KEYS.map((k) => [k, both(`中文${k}`, `English ${k}`)]));
    const m = base({ wording, demoVideos: { entry: 'smile/in.webm', exit: 'smile/out.mp4' } }, [
      { path: 'smile/in.webm', type: 'video' },
      { path: 'smile/out.mp4', type: 'video' },
    ]);
    expect(problems(m)).toEqual([]);
    expect(collectReferences(m).filter((r) => r.path[0] === 'smile')).toEqual([
      { path: ['smile', 'demoVideos', 'entry'], asset: 'smile/in.webm', expect: 'video' },
      { path: ['smile', 'demoVideos', 'exit'], asset: 'smile/out.mp4', expect: 'video' },
    ]);
  });

  it('is strict: unknown keys, a text in one language only, a missing video role', () => {
    const p = problems(
      base({ wording: { title: { 'zh-CN': '微笑' }, titel: both('a', 'b') }, colour: 'red', demoVideos: { entry: 'smile/in.webm' } }, [
        { path: 'smile/in.webm', type: 'video' },
      ]),
    );
    expect(p).toContain('smile.wording.title.en: Invalid input: expected string, received undefined');
    expect(p.some((x) => x.startsWith('smile.wording:') && x.includes('titel'))).toBe(true);
    expect(p.some((x) => x.startsWith('smile:') && x.includes('colour'))).toBe(true);
    expect(p.some((x) => x.startsWith('smile.demoVideos.exit:'))).toBe(true);
  });

  it('a demo video must be a listed .webm or .mp4 file', () => {
    const p = problems(
      base({ demoVideos: { entry: 'smile/in.png', exit: 'smile/missing.webm' } }, [{ path: 'smile/in.png', type: 'image' }]),
    );
    expect(p).toContain('smile.demoVideos.entry: "smile/in.png" must be a video file here, not image');
    expect(p).toContain('smile.demoVideos.exit: "smile/missing.webm" is not listed in assets');
    const avi = problems(
      base({ demoVideos: { entry: 'smile/in.avi', exit: 'smile/out.webm' } }, [{ path: 'smile/out.webm', type: 'video' }]),
    );
    expect(avi.some((x) => x.startsWith('smile.demoVideos.entry:') && x.includes('.webm .mp4'))).toBe(true);
  });
});
