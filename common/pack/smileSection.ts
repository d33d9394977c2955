import { z } from 'zod';

/**
 * The pack's `smile` section (the smile meter 微笑滨江): the wording of its big screen and,
 * for demos, a walk-through video per camera role. Every wording field is optional: the kiosk has its
 * own text for each (src/exhibits/smile/messages.ts), so `"smile": {}` is a complete section that
 * shows the exhibit with the kiosk's words. Built from manifest.ts's shared pieces (text, asset path)
 * through `smileSchemas(...)` so that this file does not import manifest.ts back.
 * Designers' guide: resources/packs/GUIDE.md, section "smile".
 */

/** Wording keys, in the order the guide lists them. */
export const SMILE_WORDING_KEYS = [
  'title',
  'subtitle',
  'entryLabel',
  'exitLabel',
  'liftCaption',
  'visitorsCaption',
  'hourlyTitle',
  'weekTitle',
  'privacyNotice',
  'offNotice',
] as const;
export type SmileWordingKey = (typeof SMILE_WORDING_KEYS)[number];

const WORDING_HELP: Record<SmileWordingKey, string> = {
  title: 'The big screen\'s title, e.g. {"zh-CN": "微笑滨江", "en": "Riverside smiles"}.',
  subtitle: 'One line under the title.',
  entryLabel: 'Names the share of smiling visitors coming in, e.g. 进站微笑率 / Smiling on the way in.',
  exitLabel: 'Names the share of smiling visitors going out, e.g. 出站微笑率 / Smiling on the way out.',
  liftCaption: 'Caption of the lift (exit share minus entry share, in percentage points).',
  visitorsCaption: "Caption of today's visitor counts in and out.",
  hourlyTitle: "Title of today's hour-by-hour chart.",
  weekTitle: 'Title of the last seven days.',
  privacyNotice: 'Always shown: what is counted and that no image is kept.',
  offNotice: 'Shown instead of the figures while the operator has switched the meter off.',
};

/** Builds the section's schemas from manifest.ts's shared pieces. */
export function smileSchemas<T extends z.ZodType, A extends z.ZodType<string>>(shared: { text: T; asset: A }) {
  const wordingShape = Object.fromEntries(SMILE_WORDING_KEYS.map((k) => [k, shared.text.optional().describe(WORDING_HELP[k])])) as Record<
    SmileWordingKey,
    z.ZodOptional<T>
  >;
  const SmileWordingSchema = z.strictObject(wordingShape).describe("Words of the big screen; any left out are the kiosk's own.");
  const DemoVideosSchema = z
    .strictObject({
      entry: shared.asset.describe('A video (.webm or .mp4) of people walking in, counted as the entry camera in demo mode.'),
      exit: shared.asset.describe('A video (.webm or .mp4) of people walking out, counted as the exit camera in demo mode.'),
    })
    .describe('Walk-through videos the operator can choose instead of a camera, for demos and tests.');
  const SmileSchema = z
    .strictObject({
      wording: SmileWordingSchema.optional(),
      demoVideos: DemoVideosSchema.optional(),
      minVisitors: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe(
          'Below this many visitors today a camera\'s smiling share is not shown ("too few visitors yet"); the kiosk\'s default is 20.',
        ),
    })
    .describe("The smile meter: its big screen's wording, optional demo videos and the fewest visitors a share is shown for.");
  return { SmileWordingSchema, DemoVideosSchema, SmileSchema };
}
