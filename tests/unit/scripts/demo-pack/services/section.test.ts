import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServicesSchema } from '../../../../../common/pack/manifest';
import { SERVICES_WORDING_KEYS } from '../../../../../common/pack/servicesSection';
import { planServices } from '../../../../../scripts/demo-pack/services/section';

const committed = JSON.parse(readFileSync(new URL('../../../../../resources/demo-pack/manifest.json', import.meta.url), 'utf8')) as {
  services: unknown;
  assets: { path: string; type: string }[];
};
const plan = () => {
  const queued: string[] = [];
  const part = planServices((path, svg) => {
    expect(svg).toMatch(/^<svg [^>]*width="192" height="192"/);
    queued.push(path);
    return path;
  });
  return { ...part, queued };
};

describe("the demo pack's services section", () => {
  it("lists the station's seven services with an icon each, every word in both languages, and a circle within 15 minutes", () => {
    const { section, paths, queued } = plan();
    const parsed = ServicesSchema.parse(section);
    expect(Object.keys(parsed.wording).sort()).toEqual([...SERVICES_WORDING_KEYS].sort());
    expect(parsed.items.map((i) => i.id)).toEqual([
      'nursing-room',
      'family-toilet',
      'reading-corner',
      'drinking-water',
      'first-aid',
      'seats',
      'phone-charging',
    ]);
    expect(paths).toEqual(queued);
    expect(paths).toEqual(parsed.items.map((i) => i.icon));
    expect(parsed.circle?.length).toBeGreaterThanOrEqual(4);
    for (const p of parsed.circle ?? []) expect(p.walkMinutes).toBeLessThanOrEqual(15);
    expect(parsed.wording.walkMinutes['zh-CN']).toContain('{minutes}');
    expect(parsed.wording.walkMinutes.en).toContain('{minutes}');
  });

  it('is what the committed demo pack holds, with every icon listed as an image', () => {
    const { section, paths } = plan();
    expect(committed.services).toEqual(section);
    for (const path of paths) expect(committed.assets.find((a) => a.path === path)?.type).toBe('image');
  });
});
