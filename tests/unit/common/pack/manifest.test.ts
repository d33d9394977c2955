import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonPathText } from '../../../../common/pack/packReferences';
import { ManifestSchema, type Manifest } from '../../../../common/pack/manifest';

const guide = readFileSync(new URL('../../../../resources/packs/GUIDE.md', import.meta.url), 'utf8');
/** The guide's example, so the documentation cannot show an invalid manifest. */
const example = (): Manifest => JSON.parse(/```json\n([\s\S]*?)```/.exec(guide)?.[1] ?? 'null') as Manifest;
const problems = (m: unknown): string[] => {
  const r = ManifestSchema.safeParse(m);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};

describe('ManifestSchema', () => {
  it('accepts the example of the guide', () => {
    expect(problems(example())).toEqual([]);
  });

  it('accepts a pack with no exhibit section at all', () => {
    const m = { ...example(), attract: undefined, history: undefined, assets: [] };
    expect(problems(m)).toEqual([]);
  });

  it('requires both languages for visitor text and rejects unknown fields', () => {
    const m = example();
    (m.title as Record<string, string>)['zh-CN'] = ' ';
    (m as Record<string, unknown>).titel = 'typo';
    const p = problems(m);
    expect(p).toContain('title.zh-CN: Chinese text is required');
    expect(p.some((x) => x.startsWith('(root):') && x.includes('titel'))).toBe(true);
  });

  it('refuses unsafe or odd asset paths', () => {
    for (const bad of [
      '../x.png',
      '/abs.png',
      'C:/x.png',
      'a\\b.png',
      'a/.hidden.png',
      'space name.png',
      '码头.png',
      'x.PNG',
      'x.gif',
      'a//b.png',
    ]) {
      const m = example();
      (m.assets[0] as { path: string }).path = bad;
      expect(
        problems(m).some((x) => x.startsWith('assets[0].path')),
        bad,
      ).toBe(true);
    }
  });

  it('reports references to unlisted assets, wrong kinds, duplicates and case collisions with their JSON paths', () => {
    const m = example();
    m.assets.push({ ...m.assets[1]!, path: 'Wharf/Cover.png' }, { ...m.assets[1]! });
    m.history!.stories[0]!.pages[0]!.image = 'wharf/missing.png';
    m.history!.stories[0]!.narration!.en.audio = 'wharf/page1.png';
    m.attract!.media.kind = 'video';
    const p = problems(m);
    expect(p).toEqual(
      expect.arrayContaining([
        'assets[5].path: "Wharf/Cover.png" collides with "wharf/cover.png" on a case-insensitive file system',
        'assets[6].path: "wharf/cover.png" is listed twice',
        'history.stories[0].pages[0].image: "wharf/missing.png" is not listed in assets',
        'history.stories[0].narration.en.audio: "wharf/page1.png" must be an audio file here, not image',
        'attract.media.path: "attract.jpg" must be a video file here, not image',
      ]),
    );
  });

  it('checks asset type against the extension, cue order, duplicate ids, semver and date', () => {
    const m = example();
    m.assets[3]!.type = 'image';
    m.history!.stories[0]!.narration!['zh-CN'].cues.push({ start: 1, end: 3, text: 'overlap' }, { start: 5, end: 4, text: 'backwards' });
    m.history!.stories.push({ ...m.history!.stories[0]! });
    m.version = '1.0';
    m.date = '2026-02-30';
    const p = problems(m);
    expect(p).toEqual(
      expect.arrayContaining([
        'assets[3].type: "wharf/zh.mp3" is an audio file by its extension, not image',
        'history.stories[0].narration.zh-CN.cues[1].start: cue starts at 1s, before the previous cue ends (2.5s)',
        'history.stories[0].narration.zh-CN.cues[2].end: a cue must end after it starts',
        'history.stories[1].id: story id "wharf" is used twice',
        'version: a semantic version such as 1.2.0',
      ]),
    );
    expect(p.some((x) => x.startsWith('date:'))).toBe(true);
  });

  it('keeps hotspots inside the print', () => {
    const m = example();
    m.history!.panel!.hotspots[0]!.x = 1.2;
    expect(problems(m)).toEqual([expect.stringMatching(/^history\.panel\.hotspots\[0\]\.x:/)]);
  });
});
