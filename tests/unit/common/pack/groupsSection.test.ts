import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GroupsSchema, ManifestSchema, type Groups } from '../../../../common/pack/manifest';
import { checkLessonTargets } from '../../../../common/pack/groupsSection';
import { jsonPathText } from '../../../../common/pack/packReferences';

const guide = readFileSync(new URL('../../../../resources/packs/GUIDE.md', import.meta.url), 'utf8');
/** The guide's groups example (the jsonc block that starts with "groups"), so the documentation cannot drift. */
const example = (): Groups => {
  const block = /```jsonc\n(\{\s*"groups"[\s\S]*?)```/.exec(guide)?.[1];
  if (!block) throw new Error('GUIDE.md has no groups example');
  return (JSON.parse(block) as { groups: Groups }).groups;
};
const problems = (p: unknown): string[] => {
  const r = GroupsSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};
const demo = JSON.parse(readFileSync(new URL('../../../../resources/demo-pack/manifest.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

describe('GroupsSchema', () => {
  it('accepts the example of the guide', () => {
    expect(problems(example())).toEqual([]);
  });

  it('wants a known target kind, whole minutes, bilingual notes and no repeated ids', () => {
    const g = example() as unknown as { lessons: { steps: Record<string, unknown>[] }[]; organisationTypes: { id: string }[] };
    g.lessons[0]!.steps[0]!.target = { kind: 'hologram' };
    g.lessons[0]!.steps[1]!.minutes = 0;
    (g.lessons[0]!.steps[1]!.notes as Record<string, string>).en = '';
    expect(problems(g)).toEqual([
      "lessons[0].steps[0].target.kind: Invalid discriminator value. Expected 'story' | 'panorama' | 'postcard' | 'smile' | 'narrator'",
      'lessons[0].steps[1].notes.en: English text is required',
      'lessons[0].steps[1].minutes: Too small: expected number to be >=1',
    ]);
    const h = example();
    h.organisationTypes.push({ ...h.organisationTypes[0]! });
    expect(problems(h)).toEqual(['organisationTypes[2].id: organisation type id "party-branch" is used twice']);
  });
});

describe('lesson targets', () => {
  it('are all found in the demo pack', () => {
    const r = ManifestSchema.safeParse(demo);
    expect(r.success ? [] : r.error.issues.map((i) => jsonPathText(i.path))).toEqual([]);
  });

  it('name each missing story, page, node, building, scene, clip and section', () => {
    const groups = example();
    const step = groups.lessons[0]!.steps[0]!;
    groups.lessons[0]!.steps = [
      { ...step, target: { kind: 'story', story: 'qinhuangdao-wharf', page: 9 } },
      { ...step, target: { kind: 'story', story: 'nope', page: 1 } },
      { ...step, target: { kind: 'panorama', node: 'nowhere', building: 'no-building' } },
      { ...step, target: { kind: 'postcard', scene: 'no-scene' } },
      { ...step, target: { kind: 'smile' } },
      { ...step, target: { kind: 'narrator', clip: 'no-clip' } },
      { ...step, target: { kind: 'narrator', clip: 'wharf' } },
    ];
    const { smile: _smile, ...withoutSmile } = demo;
    const issues = checkLessonTargets({ ...(withoutSmile as Parameters<typeof checkLessonTargets>[0]), groups });
    expect(issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`)).toEqual([
      'groups.lessons[0].steps[0].target.page: story "qinhuangdao-wharf" has 4 pages, not 9',
      'groups.lessons[0].steps[1].target.story: no story "nope" in history.stories',
      'groups.lessons[0].steps[2].target.node: no node "nowhere" in panorama.nodes',
      'groups.lessons[0].steps[2].target.building: no building "no-building" in panorama.buildings',
      'groups.lessons[0].steps[3].target.scene: no scene "no-scene" in postcard.scenes',
      'groups.lessons[0].steps[4].target.kind: the pack has no smile section, so there is no big screen to show',
      'groups.lessons[0].steps[5].target.clip: no clip "no-clip" in narrator.clips',
    ]);
    // The manifest schema reports them too, so `npm run pack -- validate` and an install refuse such a pack.
    const r = ManifestSchema.safeParse({ ...demo, groups });
    expect(r.success ? [] : r.error.issues.map((i) => jsonPathText(i.path))).toContain('groups.lessons[0].steps[0].target.page');
  });
});
