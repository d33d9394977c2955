import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GroupsSchema } from '../../../../../common/pack/manifest';
import { planGroups } from '../../../../../scripts/demo-pack/groups/section';

const committed = JSON.parse(readFileSync(new URL('../../../../../resources/demo-pack/manifest.json', import.meta.url), 'utf8')) as {
  groups: unknown;
};

describe("the demo pack's groups section", () => {
  it("holds one lesson of 6-8 steps on the wharf's 1919-1920 story, using every kind of target", () => {
    const parsed = GroupsSchema.parse(planGroups());
    expect(parsed.lessons).toHaveLength(1);
    const lesson = parsed.lessons[0]!;
    expect(lesson.title['zh-CN']).toContain('1919');
    expect(lesson.steps.length).toBeGreaterThanOrEqual(6);
    expect(lesson.steps.length).toBeLessThanOrEqual(8);
    expect(new Set(lesson.steps.map((s) => s.target.kind))).toEqual(new Set(['story', 'panorama', 'postcard', 'smile']));
    for (const s of lesson.steps) expect(s.notes.en).toContain('demo text');
    expect(parsed.organisationTypes.map((o) => o.id)).toContain('other');
  });

  it('is what the committed demo pack holds', () => {
    expect(committed.groups).toEqual(planGroups());
  });
});
