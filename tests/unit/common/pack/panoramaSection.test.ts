import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManifestSchema, PanoramaSchema, type Panorama } from '../../../../common/pack/manifest';
import { collectReferences, jsonPathText, panoramaNodeImages } from '../../../../common/pack/packReferences';

const guide = readFileSync(new URL('../../../../resources/packs/GUIDE.md', import.meta.url), 'utf8');
/** The guide's panorama example (the jsonc block that starts with "panorama"), so the documentation cannot drift. */
const example = (): Panorama => {
  const block = /```jsonc\n(\{\s*"panorama"[\s\S]*?)```/.exec(guide)?.[1];
  if (!block) throw new Error('GUIDE.md has no panorama example');
  return (JSON.parse(block) as { panorama: Panorama }).panorama;
};
const problems = (p: unknown): string[] => {
  const r = PanoramaSchema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
};

describe('PanoramaSchema', () => {
  it('accepts the example of the guide', () => {
    expect(problems(example())).toEqual([]);
  });

  it('takes a panorama without a route map (the kiosk then shows the route strip only)', () => {
    const p: Panorama = example();
    delete p.routeMap;
    expect(problems(p)).toEqual([]);
    expect(problems({ ...example(), routeMap: '' }).some((x) => x.startsWith('routeMap:'))).toBe(true);
  });

  it('needs at least 2 nodes and outlines of at least 3 points', () => {
    const p = example();
    p.nodes = p.nodes.slice(0, 1);
    p.nodes[0]!.links = [];
    p.buildings = [];
    expect(problems(p)).toContain('nodes: a route needs at least 2 nodes');
    const q = example();
    q.buildings[0]!.outlines[0]!.points = q.buildings[0]!.outlines[0]!.points.slice(0, 2);
    expect(problems(q)).toContain('buildings[0].outlines[0].points: an outline needs at least 3 points');
  });

  it('refuses yaw outside -180..180 and pitch outside -90..90', () => {
    const p = example();
    p.buildings[0]!.outlines[0]!.points[1] = { yaw: 181, pitch: -91 };
    const out = problems(p);
    expect(out.some((x) => x.startsWith('buildings[0].outlines[0].points[1].yaw:'))).toBe(true);
    expect(out.some((x) => x.startsWith('buildings[0].outlines[0].points[1].pitch:'))).toBe(true);
    const ok = example();
    ok.buildings[0]!.outlines[0]!.points[1] = { yaw: -180, pitch: 90 };
    expect(problems(ok)).toEqual([]);
  });

  it('checks links: to existing nodes, not to itself, not twice, and symmetric', () => {
    const p = example();
    p.nodes[0]!.links = [...p.nodes[0]!.links, 'nowhere', p.nodes[0]!.id, p.nodes[0]!.links[0]!];
    expect(problems(p)).toEqual([
      'nodes[0].links[1]: "nowhere" is not the id of a node',
      `nodes[0].links[2]: node "${p.nodes[0]!.id}" links to itself`,
      `nodes[0].links[3]: "${p.nodes[1]!.id}" is linked twice`,
    ]);
    const q = example();
    q.nodes[1]!.links = q.nodes[1]!.links.filter((l) => l !== q.nodes[0]!.id);
    expect(problems(q)).toEqual([
      `nodes[0].links[0]: node "${q.nodes[0]!.id}" links to "${q.nodes[1]!.id}" but "${q.nodes[1]!.id}" does not link back`,
    ]);
  });

  it('wants node positions strictly increasing and within the route', () => {
    const p = example();
    p.nodes[1]!.positionM = p.nodes[0]!.positionM;
    expect(problems(p)).toEqual([
      `nodes[1].positionM: nodes must be in route order: ${p.nodes[0]!.positionM} m is not after the previous node's ${p.nodes[0]!.positionM} m`,
    ]);
    const q = example();
    q.nodes.at(-1)!.positionM = q.routeLengthM + 1;
    q.buildings[0]!.positionM = q.routeLengthM + 5;
    const out = problems(q);
    expect(out).toContain(
      `nodes[${q.nodes.length - 1}].positionM: ${q.routeLengthM + 1} m is past the end of the route (routeLengthM ${q.routeLengthM})`,
    );
    expect(out).toContain(`buildings[0].positionM: ${q.routeLengthM + 5} m is past the end of the route (routeLengthM ${q.routeLengthM})`);
  });

  it('wants outlines on existing nodes, one per node, and unique ids', () => {
    const p = example();
    const b = p.buildings[0]!;
    b.outlines = [...b.outlines, { ...b.outlines[0]! }, { node: 'ghost', points: b.outlines[0]!.points }];
    p.nodes[1]!.id = p.nodes[0]!.id;
    const out = problems(p);
    expect(out).toContain(`nodes[1].id: node id "${p.nodes[0]!.id}" is used twice`);
    expect(out).toContain(
      `buildings[0].outlines[${b.outlines.length - 2}].node: building "${b.id}" has two outlines on node "${b.outlines[0]!.node}"`,
    );
    expect(out).toContain(`buildings[0].outlines[${b.outlines.length - 1}].node: "ghost" is not the id of a node`);
  });

  it('reports problems under panorama. inside a manifest, and lists every picture as a referenced image', () => {
    const manifest = JSON.parse(/```json\n([\s\S]*?)```/.exec(guide)![1]!) as Record<string, unknown>;
    const issues = (panorama: unknown): string[] => {
      const r = ManifestSchema.safeParse({ ...manifest, panorama });
      return r.success ? [] : r.error.issues.map((i) => `${jsonPathText(i.path)}: ${i.message}`);
    };
    const bad = example();
    bad.nodes[0]!.links = ['nowhere'];
    expect(issues(bad)).toContain('panorama.nodes[0].links[0]: "nowhere" is not the id of a node');
    // Every picture is an image reference: it must be listed in assets (and so is never junk).
    const p = example();
    expect(issues(p)).toContain(`panorama.routeMap: "${p.routeMap}" is not listed in assets`);
    expect(issues(p)).toContain(`panorama.buildings[0].then: "${p.buildings[0]!.then}" is not listed in assets`);
    const refs = collectReferences({ panorama: p });
    const expected = [p.routeMap!, ...p.nodes.map((n) => n.image), ...p.buildings.flatMap((b) => [b.then, b.now])];
    expect(
      refs
        .filter((x) => x.expect === 'image')
        .map((x) => x.asset)
        .sort(),
    ).toEqual([...expected].sort());
    expect(panoramaNodeImages({ panorama: p }).map((x) => jsonPathText(x.path))).toEqual(
      p.nodes.map((_, i) => `panorama.nodes[${i}].image`),
    );
  });
});
