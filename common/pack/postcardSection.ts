import { z } from 'zod';

/**
 * The pack's `postcard` section (留影滨江): the frames a visitor lays over a photo or a
 * scene, the riverside scenes offered instead of a photo, the postmark's station name, and optional
 * wording for the consent note and the thank-you screen. Shared building blocks (text, asset paths)
 * come from manifest.ts through `postcardSchemas(...)` so that this file does not import manifest.ts
 * back (manifest.ts plugs the result in). Designers' guide: resources/packs/GUIDE.md, "postcard".
 */

/** The printed card: 148 x 100 mm. Frame overlays have this aspect ratio (within 1 %). */
export const CARD_ASPECT = 148 / 100;
export const CARD_ASPECT_TOLERANCE = 0.01;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

/** Where the photo or scene shows through the frame, as fractions of the card (cover-fit into it). */
export const PhotoWindowSchema = z
  .strictObject({
    x: z.number().min(0).max(1).describe('Left edge, as a fraction of the card width.'),
    y: z.number().min(0).max(1).describe('Top edge, as a fraction of the card height.'),
    width: z.number().gt(0).max(1),
    height: z.number().gt(0).max(1),
  })
  .superRefine((w, ctx) => {
    if (w.x + w.width > 1 + 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['width'],
        message: `the window reaches past the card's right edge (x ${w.x} + width ${w.width} > 1)`,
      });
    if (w.y + w.height > 1 + 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['height'],
        message: `the window reaches past the card's bottom edge (y ${w.y} + height ${w.height} > 1)`,
      });
  })
  .describe('The photo window: the photo or scene is scaled to cover this rectangle. Default: the whole card.');
export type PhotoWindow = z.infer<typeof PhotoWindowSchema>;

export const FULL_WINDOW: PhotoWindow = { x: 0, y: 0, width: 1, height: 1 };

const uniqueIds = (items: { id: string }[], base: string, ctx: z.RefinementCtx, what: string): void => {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [base, i, 'id'], message: `${what} id "${it.id}" is used twice` });
    seen.add(it.id);
  });
};

/** Builds the section's schemas from manifest.ts's shared pieces. */
export function postcardSchemas<T extends z.ZodType, A extends z.ZodType<string>>(shared: { text: T; asset: A }) {
  const FrameSchema = z.strictObject({
    id: Id,
    name: shared.text,
    overlay: shared.asset
      .refine((p) => p.endsWith('.png'), { message: 'a frame overlay must be a PNG (it needs transparency where the photo shows)' })
      .describe(
        "PNG with transparency, at the card's aspect ratio 148:100 (e.g. 1748 x 1181 px, the card at 300 dpi). Drawn over the photo.",
      ),
    window: PhotoWindowSchema.optional(),
  });
  const SceneSchema = z.strictObject({
    id: Id,
    name: shared.text,
    picture: shared.asset.describe(
      'A riverside picture (JPEG or PNG, at least 1748 px wide is best for printing), offered instead of a photo.',
    ),
  });
  const PostcardSchema = z
    .strictObject({
      frames: z.array(FrameSchema).min(1, 'at least one frame').max(40),
      scenes: z.array(SceneSchema).min(1, 'at least one scene (visitors who do not want a photo choose one)').max(40),
      postmark: z
        .strictObject({
          station: shared.text.describe(
            'Station name on the postmark, e.g. {"zh-CN": "秦皇岛路码头 · 杨浦滨江", "en": "Qinhuangdao Rd Wharf · Yangpu Riverside"}.',
          ),
        })
        .describe("The postmark printed on every card, with the date in the kiosk's time zone."),
      consent: shared.text
        .optional()
        .describe(
          "A sentence shown before the kiosk's own consent note (which always stays: it says what is kept and for how long) before the camera starts. Keep it short.",
        ),
      thankYou: shared.text.optional().describe("Replaces the kiosk's thank-you words at the end."),
    })
    .superRefine((p, ctx) => {
      uniqueIds(p.frames, 'frames', ctx, 'frame');
      uniqueIds(p.scenes, 'scenes', ctx, 'scene');
    })
    .describe('The postcard exhibit: frames, riverside scenes and the postmark.');
  return { FrameSchema, SceneSchema, PostcardSchema };
}
