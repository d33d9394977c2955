import { z } from 'zod';

/**
 * The pack's `panorama` section (the steering-wheel riverside panorama): a route of 360°
 * nodes along the riverside, the old buildings seen from them, and a route map. Shared building
 * blocks (text, asset paths, narration) come from manifest.ts through `panoramaSchemas(...)` so that
 * this file does not import manifest.ts back (manifest.ts plugs the result in).
 * Designers' guide: resources/packs/GUIDE.md, section "panorama".
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

/** A direction seen from a node: yaw 0 = the image's centre column, positive to the right (east of it); pitch positive up. */
export const YawPitchSchema = z.strictObject({
  yaw: z
    .number()
    .min(-180)
    .max(180)
    .describe('Degrees, -180..180; 0 is the centre column of the equirectangular image, positive to the right.'),
  pitch: z.number().min(-90).max(90).describe("Degrees, -90..90; 0 is the horizon (the image's middle row), positive up."),
});
export type YawPitch = z.infer<typeof YawPitchSchema>;

export const OutlineSchema = z
  .strictObject({
    node: Id.describe('Id of the node this outline is seen from.'),
    points: z.array(YawPitchSchema).min(3, 'an outline needs at least 3 points').max(200),
  })
  .describe("The building's outline as a closed polygon of directions, as seen from one node.");
export type Outline = z.infer<typeof OutlineSchema>;

const MapPointSchema = z
  .strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
  .describe('A point on the route map image, as fractions of its width (x, from the left) and height (y, from the top).');

const uniqueIds = (items: { id: string }[], base: (string | number)[], ctx: z.RefinementCtx, what: string): Set<string> => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [...base, i, 'id'], message: `${what} id "${it.id}" is used twice` });
    seen.add(it.id);
  });
  return seen;
};

interface PanoramaShape {
  routeLengthM: number;
  nodes: { id: string; positionM: number; links: string[] }[];
  buildings: { id: string; positionM: number; outlines: { node: string }[] }[];
}

/** Cross-checks a schema cannot say field by field: the route graph, positions, outline nodes. */
export function checkPanorama(p: PanoramaShape, ctx: z.RefinementCtx): void {
  const nodeIds = uniqueIds(p.nodes, ['nodes'], ctx, 'node');
  uniqueIds(p.buildings, ['buildings'], ctx, 'building');
  const linksOf = new Map(p.nodes.map((n) => [n.id, new Set(n.links)]));
  p.nodes.forEach((n, i) => {
    const prev = p.nodes[i - 1];
    if (prev && !(n.positionM > prev.positionM))
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', i, 'positionM'],
        message: `nodes must be in route order: ${n.positionM} m is not after the previous node's ${prev.positionM} m`,
      });
    if (n.positionM > p.routeLengthM)
      ctx.addIssue({
        code: 'custom',
        path: ['nodes', i, 'positionM'],
        message: `${n.positionM} m is past the end of the route (routeLengthM ${p.routeLengthM})`,
      });
    const seen = new Set<string>();
    n.links.forEach((to, k) => {
      const at = ['nodes', i, 'links', k];
      if (to === n.id) ctx.addIssue({ code: 'custom', path: at, message: `node "${n.id}" links to itself` });
      else if (!nodeIds.has(to)) ctx.addIssue({ code: 'custom', path: at, message: `"${to}" is not the id of a node` });
      else if (seen.has(to)) ctx.addIssue({ code: 'custom', path: at, message: `"${to}" is linked twice` });
      else if (!linksOf.get(to)?.has(n.id))
        ctx.addIssue({ code: 'custom', path: at, message: `node "${n.id}" links to "${to}" but "${to}" does not link back` });
      seen.add(to);
    });
  });
  p.buildings.forEach((b, i) => {
    if (b.positionM > p.routeLengthM)
      ctx.addIssue({
        code: 'custom',
        path: ['buildings', i, 'positionM'],
        message: `${b.positionM} m is past the end of the route (routeLengthM ${p.routeLengthM})`,
      });
    const seen = new Set<string>();
    b.outlines.forEach((o, k) => {
      const at = ['buildings', i, 'outlines', k, 'node'];
      if (!nodeIds.has(o.node)) ctx.addIssue({ code: 'custom', path: at, message: `"${o.node}" is not the id of a node` });
      else if (seen.has(o.node))
        ctx.addIssue({ code: 'custom', path: at, message: `building "${b.id}" has two outlines on node "${o.node}"` });
      seen.add(o.node);
    });
  });
}

/** Builds the section's schemas from manifest.ts's shared pieces. */
export function panoramaSchemas<T extends z.ZodType, A extends z.ZodType<string>, N extends z.ZodType>(shared: {
  text: T;
  asset: A;
  narration: N;
}) {
  const NodeSchema = z.strictObject({
    id: Id,
    image: shared.asset.describe('Equirectangular 360° picture (JPEG or PNG, exactly twice as wide as high, e.g. 4096x2048).'),
    positionM: z
      .number()
      .min(0)
      .max(100000)
      .describe('Distance along the route from its start, in metres. Nodes are listed in route order.'),
    map: MapPointSchema,
    heading: z.number().min(-180).max(180).describe('Initial view direction (yaw, degrees) when a visitor arrives at this node.'),
    links: z.array(Id).max(8).describe('Ids of the neighbouring nodes one can travel to; every link must be listed on both nodes.'),
    label: shared.text.optional().describe('Optional place name shown while at this node.'),
  });
  const OtherYearSchema = z.strictObject({
    year: z.number().int().min(1000).max(2200),
    label: shared.text.describe('What happened that year, e.g. {"zh-CN": "改建为展厅", "en": "turned into a gallery"}.'),
  });
  const BuildingSchema = z.strictObject({
    id: Id,
    name: shared.text,
    years: z.strictObject({
      built: z.number().int().min(1000).max(2200),
      other: z.array(OtherYearSchema).max(20).optional(),
    }),
    positionM: z.number().min(0).max(100000).describe('Where the building stands along the route, in metres (marked on the route strip).'),
    outlines: z.array(OutlineSchema).min(1).max(500).describe('One outline per node the building is visible from.'),
    then: shared.asset.describe('Old picture (the past), same framing as `now` for the comparison slider.'),
    now: shared.asset.describe('Present-day picture.'),
    text: shared.text,
    narration: shared.narration.optional(),
  });
  const PanoramaSchema = z
    .strictObject({
      routeLengthM: z.number().positive().max(100000).describe('Length of the whole route in metres.'),
      routeMap: shared.asset
        .optional()
        .describe(
          'Picture of the route map, shown in a corner of the kiosk with the nodes and "you are here" drawn over it; node `map` coordinates are fractions of its size. Without it the kiosk shows the route strip only.',
        ),
      nodes: z.array(NodeSchema).min(2, 'a route needs at least 2 nodes').max(500),
      buildings: z.array(BuildingSchema).max(200),
    })
    .superRefine((p, ctx) => checkPanorama(p, ctx))
    .describe('The steering-wheel riverside panorama: a route of 360° nodes, the buildings seen from them, a route map.');
  return { NodeSchema, BuildingSchema, PanoramaSchema };
}
