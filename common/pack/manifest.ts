import { z } from 'zod';
import { ASSET_EXTENSIONS, ASSET_TYPES, PACK_LIMITS, assetTypeOfPath, withArticle } from './packLimits';
import { panoramaSchemas } from './panoramaSection';
import { smileSchemas } from './smileSection';
import { narratorSchemas } from './narratorSection';
import { postcardSchemas } from './postcardSection';
import { servicesSchemas } from './servicesSection';
import { checkLessonTargets, groupsSchemas } from './groupsSection';
import { checkManifestReferences } from './packReferences';

/**
 * The content-pack manifest (`manifest.json` at the root of a pack folder or zip).
 * The designers' guide is resources/packs/GUIDE.md; the JSON Schema generated from this file
 * (`npm run pack:schema`) is resources/packs/manifest.schema.json.
 * Every string a visitor can see is a `LocalizedText` (Chinese and English, both required).
 */
export const PACK_SCHEMA_VERSION = 1;

export const LocalizedTextSchema = z
  .strictObject({
    'zh-CN': z.string().trim().min(1, 'Chinese text is required').max(4000),
    en: z.string().trim().min(1, 'English text is required').max(4000),
  })
  .describe('Text shown to visitors, in Simplified Chinese and English (both required).');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const allExtensions = ASSET_TYPES.flatMap((t) => [...ASSET_EXTENSIONS[t]]).join('|');
/**
 * Relative, forward slashes, ASCII letters, digits, `.`, `_`, `-` only (so no name can collide with
 * another by case folding or Unicode normalisation on a designer's or the kiosk's file system),
 * no segment starting with a dot, a lower-case extension of an accepted kind.
 */
const PATH_RE = new RegExp(
  `^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/){0,${PACK_LIMITS.maxPathDepth - 1}}[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(?:${allExtensions})$`,
);
export const AssetPathSchema = z
  .string()
  .max(PACK_LIMITS.maxPathLength)
  .regex(
    PATH_RE,
    `a relative path with forward slashes, made of A-Z a-z 0-9 . _ - (no segment starting with a dot), ending in one of .${allExtensions.split('|').join(' .')}`,
  )
  .describe('Path of a file inside the pack, relative to manifest.json, e.g. "history/wharf/cover.jpg". Must be listed in `assets`.');

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

export const AssetSchema = z
  .strictObject({
    path: AssetPathSchema,
    bytes: z.number().int().min(1).max(PACK_LIMITS.maxAnyFileBytes).describe('File size in bytes (`npm run pack -- build` fills it in).'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits')
      .describe('SHA-256 of the file, lower-case hex (`npm run pack -- build` fills it in).'),
    type: z
      .enum(ASSET_TYPES)
      .describe('image (png, jpg), audio (mp3, opus/ogg with Opus, wav PCM), video (webm, mp4), text (vtt, txt), json.'),
  })
  .superRefine((a, ctx) => {
    const byExt = assetTypeOfPath(a.path);
    if (byExt && byExt !== a.type)
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `"${a.path}" is ${withArticle(byExt)} file by its extension, not ${a.type}`,
      });
  });
export type Asset = z.infer<typeof AssetSchema>;

export const CueSchema = z
  .strictObject({
    start: z.number().min(0).describe('Seconds from the start of the audio.'),
    end: z.number().min(0).describe('Seconds; greater than start.'),
    text: z.string().trim().min(1).max(1000),
  })
  .refine((c) => c.end > c.start, { message: 'a cue must end after it starts', path: ['end'] });
export type Cue = z.infer<typeof CueSchema>;

/** One language's narration: an audio file and its subtitle cues, in order and not overlapping. */
export const NarrationTrackSchema = z
  .strictObject({
    audio: AssetPathSchema,
    cues: z.array(CueSchema).min(1).max(2000),
  })
  .superRefine((n, ctx) => {
    for (let i = 1; i < n.cues.length; i++) {
      const prev = n.cues[i - 1] as Cue;
      const cur = n.cues[i] as Cue;
      if (cur.start < prev.end)
        ctx.addIssue({
          code: 'custom',
          path: ['cues', i, 'start'],
          message: `cue starts at ${cur.start}s, before the previous cue ends (${prev.end}s)`,
        });
    }
  });
export type NarrationTrack = z.infer<typeof NarrationTrackSchema>;

export const NarrationSchema = z
  .strictObject({ 'zh-CN': NarrationTrackSchema, en: NarrationTrackSchema })
  .describe('Narration in both languages: the kiosk plays the one of the current language.');
export type Narration = z.infer<typeof NarrationSchema>;

const uniqueIds = <T extends { id: string }>(items: T[], ctx: z.RefinementCtx, what: string): void => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${what} id "${it.id}" is used twice` });
    seen.add(it.id);
  });
};

export const AttractSchema = z.strictObject({
  media: z.strictObject({
    kind: z.enum(['image', 'video']),
    path: AssetPathSchema,
  }),
  tagline: LocalizedTextSchema,
});
export type Attract = z.infer<typeof AttractSchema>;

export const StoryPageSchema = z.strictObject({
  image: AssetPathSchema,
  text: LocalizedTextSchema,
});
export type StoryPage = z.infer<typeof StoryPageSchema>;

export const StorySchema = z.strictObject({
  id: Id,
  title: LocalizedTextSchema,
  era: LocalizedTextSchema.describe('Shown on the story card, e.g. {"zh-CN": "1919年前后", "en": "around 1919"}.'),
  year: z.number().int().min(1000).max(2200).describe('Where the story sits on the timeline.'),
  cover: AssetPathSchema,
  pages: z.array(StoryPageSchema).min(1).max(60),
  narration: NarrationSchema.optional(),
});
export type Story = z.infer<typeof StorySchema>;

export const HotspotSchema = z.strictObject({
  id: Id,
  x: z.number().min(0).max(1).describe('Centre, as a fraction of the print width from its left edge.'),
  y: z.number().min(0).max(1).describe('Centre, as a fraction of the print height from its top edge.'),
  radius: z.number().gt(0).max(0.5).describe('Touch radius, as a fraction of the print width.'),
  label: LocalizedTextSchema,
  narration: NarrationSchema,
});
export type Hotspot = z.infer<typeof HotspotSchema>;

export const PanelSchema = z.strictObject({
  print: z
    .strictObject({
      widthMm: z.number().positive().max(20000),
      heightMm: z.number().positive().max(20000),
    })
    .describe('Reference size of the physical (sand-carved) print the hotspots are laid out on.'),
  reference: AssetPathSchema.optional().describe('A picture of the print, shown on the operator calibration screen.'),
  hotspots: z
    .array(HotspotSchema)
    .min(1)
    .max(100)
    .superRefine((h, ctx) => uniqueIds(h, ctx, 'hotspot')),
});
export type Panel = z.infer<typeof PanelSchema>;

export const HistorySchema = z.strictObject({
  stories: z
    .array(StorySchema)
    .min(1)
    .max(200)
    .superRefine((s, ctx) => uniqueIds(s, ctx, 'story')),
  panel: PanelSchema.optional().describe('Transparent-panel mode: hotspots aligned with a physical print.'),
});
export type History = z.infer<typeof HistorySchema>;

/** The panorama section: common/pack/panoramaSection.ts. */
export const {
  NodeSchema: PanoramaNodeSchema,
  BuildingSchema: PanoramaBuildingSchema,
  PanoramaSchema,
} = panoramaSchemas({
  text: LocalizedTextSchema,
  asset: AssetPathSchema,
  narration: NarrationSchema,
});
export type Panorama = z.infer<typeof PanoramaSchema>;
export type PanoramaNode = z.infer<typeof PanoramaNodeSchema>;
export type PanoramaBuilding = z.infer<typeof PanoramaBuildingSchema>;

/** The postcard section: common/pack/postcardSection.ts. */
export const {
  FrameSchema: PostcardFrameSchema,
  SceneSchema: PostcardSceneSchema,
  PostcardSchema,
} = postcardSchemas({ text: LocalizedTextSchema, asset: AssetPathSchema });
export type Postcard = z.infer<typeof PostcardSchema>;
export type PostcardFrame = z.infer<typeof PostcardFrameSchema>;
export type PostcardScene = z.infer<typeof PostcardSceneSchema>;

/** The smile-meter section: common/pack/smileSection.ts. */
export const { SmileWordingSchema, SmileSchema } = smileSchemas({ text: LocalizedTextSchema, asset: AssetPathSchema });
export type Smile = z.infer<typeof SmileSchema>;
export type SmileWording = z.infer<typeof SmileWordingSchema>;

/** The services board section: common/pack/servicesSection.ts. */
export const {
  ServiceSchema,
  CirclePointSchema: ServiceCirclePointSchema,
  ServicesSchema,
} = servicesSchemas({ text: LocalizedTextSchema, asset: AssetPathSchema });
export type Services = z.infer<typeof ServicesSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type ServiceCirclePoint = z.infer<typeof ServiceCirclePointSchema>;

/** The guided group visits section: common/pack/groupsSection.ts. */
export const { LessonSchema, LessonStepSchema, OrganisationTypeSchema, GroupsSchema } = groupsSchemas({ text: LocalizedTextSchema });
export type Groups = z.infer<typeof GroupsSchema>;
export type Lesson = z.infer<typeof LessonSchema>;
export type LessonStep = z.infer<typeof LessonStepSchema>;
/** The holographic narrator's section: common/pack/narratorSection.ts. */
export const { NarratorClipSchema, NarratorSchema } = narratorSchemas({
  text: LocalizedTextSchema,
  asset: AssetPathSchema,
  narration: NarrationSchema,
});
export type Narrator = z.infer<typeof NarratorSchema>;
export type NarratorClip = z.infer<typeof NarratorClipSchema>;

export const ManifestObjectSchema = z.strictObject({
  $schema: z.string().max(500).optional().describe('Path or URL of manifest.schema.json, for editor completion. Ignored by the kiosk.'),
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  id: Id.describe('Pack id: lower-case letters, digits and dashes.'),
  version: z
    .string()
    .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 1.2.0')
    .describe('Semantic version of this pack (https://semver.org).'),
  title: LocalizedTextSchema,
  author: z.string().trim().min(1).max(200),
  date: z.iso.date().describe('Release date, YYYY-MM-DD.'),
  assets: z.array(AssetSchema).max(PACK_LIMITS.maxFiles),
  attract: AttractSchema.optional(),
  history: HistorySchema.optional(),
  panorama: PanoramaSchema.optional(),
  postcard: PostcardSchema.optional(),
  smile: SmileSchema.optional(),
  services: ServicesSchema.optional(),
  groups: GroupsSchema.optional(),
  narrator: NarratorSchema.optional(),
});

/** The manifest schema, with the cross-references checked (assets listed, kinds right, no duplicates). */
export const ManifestSchema = ManifestObjectSchema.superRefine((m, ctx) => {
  for (const issue of checkManifestReferences(m)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  for (const issue of checkLessonTargets(m)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type Manifest = z.infer<typeof ManifestSchema>;
