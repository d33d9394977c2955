import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManifestSchema, ServicesSchema, type Services } from '../../../../common/pack/manifest';
import { collectReferences, jsonPathText } from '../../../../common/pack/packReferences';

const guide = readFileSync(new URL('../../../../resources/packs/GUIDE.md', import.meta.url), 'utf8');
/** The guide's services example (the jsonc block that starts with "services"), so the documentation cannot drift. */
const example = (): Services => {
  const block = /```jsonc\n(\{\s*"services"[\s\S]*?)```/.exec(guide)?.[1];
  if (!block) throw new Error('GUIDE.md has no services example');
  return (JSON.parse(block) as { services: Services }).services;
};
const problems = (p: unknown): string[] => {
  const r = ServicesSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};

describe('ServicesSchema', () => {
  it('accepts the example of the guide', () => {
    expect(problems(example())).toEqual([]);
  });

  it('needs at least one service, every wording key and both languages', () => {
    const p = example() as unknown as { items: unknown[]; wording: Record<string, unknown> };
    p.items = [];
    delete p.wording.outOfUse;
    (p.wording.title as Record<string, string>).en = ' ';
    expect(problems(p)).toEqual([
      'wording.title.en: English text is required',
      'wording.outOfUse: Invalid input: expected object, received undefined',
      'items: Too small: expected array to have >=1 items',
    ]);
  });

  it('refuses a repeated id and a walk past 15 minutes', () => {
    const p = example();
    p.items.push({ ...p.items[0]! });
    p.circle = [
      { id: 'far', name: { 'zh-CN': '远处', en: 'Far away' }, walkMinutes: 25 },
      { id: 'far', name: { 'zh-CN': '远处', en: 'Far' }, walkMinutes: 2.5 },
    ];
    expect(problems(p)).toEqual([
      'items[1].id: service id "nursing-room" is used twice',
      'circle[0].walkMinutes: Too big: expected number to be <=15',
      'circle[1].walkMinutes: Invalid input: expected int, received number',
    ]);
    p.circle[0]!.walkMinutes = 12;
    p.circle[1]!.walkMinutes = 3;
    expect(problems(p)).toEqual([
      'items[1].id: service id "nursing-room" is used twice',
      'circle[1].id: circle point id "far" is used twice',
    ]);
  });
});

describe('services references', () => {
  it('lists every icon as an image, and the manifest wants them in assets', () => {
    const services = example();
    services.circle![0]!.icon = 'services/pin.png';
    const manifest = {
      schemaVersion: 1,
      id: 'svc-test',
      version: '1.0.0',
      title: { 'zh-CN': '测试', en: 'Test' },
      author: 'x',
      date: '2026-01-01',
      assets: [],
      services,
    };
    expect(collectReferences(manifest)).toEqual([
      { path: ['services', 'items', 0, 'icon'], asset: 'services/nursing-room.png', expect: 'image' },
      { path: ['services', 'circle', 0, 'icon'], asset: 'services/pin.png', expect: 'image' },
    ]);
    const r = ManifestSchema.safeParse(manifest);
    expect(r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`)).toEqual([
      'services.items[0].icon: "services/nursing-room.png" is not listed in assets',
      'services.circle[0].icon: "services/pin.png" is not listed in assets',
    ]);
  });
});
