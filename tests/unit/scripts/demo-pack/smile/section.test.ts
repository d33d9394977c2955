import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SmileSchema } from '../../../../../common/pack/manifest';
import { SMILE_WORDING_KEYS } from '../../../../../common/pack/smileSection';
import { DEMO_VIDEO_PATHS } from '../../../../../scripts/demo-pack/smile/demoVideos';
import { DEMO_MIN_VISITORS, planSmile } from '../../../../../scripts/demo-pack/smile/section';

const committed = JSON.parse(readFileSync(new URL('../../../../../resources/demo-pack/manifest.json', import.meta.url), 'utf8')) as {
  smile: unknown;
  assets: { path: string; type: string }[];
};

describe("the demo pack's smile section", () => {
  it('words every text of the big screen in both languages and passes the section schema', () => {
    const { section, paths } = planSmile(DEMO_VIDEO_PATHS);
    const parsed = SmileSchema.parse(section);
    expect(Object.keys(parsed.wording ?? {}).sort()).toEqual([...SMILE_WORDING_KEYS].sort());
    // The privacy notice says that no image is kept, in both languages.
    expect(parsed.wording?.privacyNotice?.['zh-CN']).toContain('不保存');
    expect(parsed.wording?.privacyNotice?.en).toMatch(/no image .*stored/);
    expect(parsed.demoVideos).toEqual(DEMO_VIDEO_PATHS);
    expect(paths).toEqual([DEMO_VIDEO_PATHS.entry, DEMO_VIDEO_PATHS.exit]);
    // Its minimum count is met by one pass of the walk-through videos (12 visitors each), so `npm start` on a PC without
    // a camera shows shares after the first pass.
    expect(parsed.minVisitors).toBe(DEMO_MIN_VISITORS);
    expect(DEMO_MIN_VISITORS).toBeLessThanOrEqual(12);
    expect(planSmile(null)).toEqual({ section: { wording: parsed.wording, minVisitors: DEMO_MIN_VISITORS }, paths: [] });
  });

  it('is what the committed demo pack holds, with both videos listed as video assets', () => {
    expect(committed.smile).toEqual(planSmile(DEMO_VIDEO_PATHS).section);
    for (const path of Object.values(DEMO_VIDEO_PATHS)) expect(committed.assets.find((a) => a.path === path)?.type).toBe('video');
  });
});
