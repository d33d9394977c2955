import { z } from 'zod';

/**
 * The pack's `narrator` section (the holographic narrator 全息讲解员): a narrator figure that speaks short clips to a
 * visitor standing or sitting in front of it. Each clip is a video of the figure (WebM VP9 with alpha, or drawn on
 * black for a rear-projection film or a Pepper's-ghost glass: black shows as nothing there), its narration in both
 * languages (audio and subtitle cues, the same shape as a history story's) and whether it is an attract clip (looped
 * while nobody is there) or one spoken to a visitor. Built from manifest.ts's shared pieces through
 * `narratorSchemas(...)` so that this file does not import manifest.ts back.
 * Designers' guide: resources/packs/GUIDE.md, section "narrator".
 */

/** The kiosk's presence timings when the pack gives none (seconds). */
export const NARRATOR_PRESENCE_DEFAULT = { enterSeconds: 2, leaveSeconds: 5 } as const;

const ClipId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

export function narratorSchemas<T extends z.ZodType, A extends z.ZodType<string>, N extends z.ZodType>(shared: {
  text: T;
  asset: A;
  narration: N;
}) {
  const NarratorClipSchema = z
    .strictObject({
      id: ClipId,
      video: shared.asset.describe(
        'The figure speaking: a .webm (VP9 with alpha, or on black) or .mp4, played muted and looped while the narration plays.',
      ),
      narration: shared.narration.describe(
        'What the figure says, in both languages: the audio of the current language plays and its cues are the subtitles; the clip ends with the audio.',
      ),
      attract: z
        .boolean()
        .optional()
        .describe(
          "true: an attract clip, looped while nobody is in front of the narrator (only when the section's `attractLoop` is true). Default false: a clip spoken to a visitor.",
        ),
    })
    .describe('One clip of the narrator.');
  const NarratorPresenceSchema = z
    .strictObject({
      enterSeconds: z
        .number()
        .min(0.5)
        .max(30)
        .describe(`A face seen this long starts the narrator (default ${NARRATOR_PRESENCE_DEFAULT.enterSeconds} s).`),
      leaveSeconds: z
        .number()
        .min(1)
        .max(120)
        .describe(
          `No face for this long: the visitor has left and the narrator stops (default ${NARRATOR_PRESENCE_DEFAULT.leaveSeconds} s).`,
        ),
    })
    .describe('How long a face must be seen before the narrator speaks, and how long it must be gone before it stops.');
  const NarratorSchema = z
    .strictObject({
      title: shared.text
        .optional()
        .describe(
          'The exhibit\'s name on the operator screen and the home menu card, e.g. {"zh-CN": "全息讲解员", "en": "Holographic narrator"}.',
        ),
      clips: z
        .array(NarratorClipSchema)
        .min(1)
        .max(100)
        .superRefine((clips, ctx) => {
          const seen = new Set<string>();
          clips.forEach((c, i) => {
            if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `clip id "${c.id}" is used twice` });
            seen.add(c.id);
          });
          if (clips.every((c) => c.attract === true))
            ctx.addIssue({ code: 'custom', message: 'at least one clip must be spoken to visitors (not `attract: true`)' });
        }),
      attractLoop: z
        .boolean()
        .optional()
        .describe(
          'true: the attract clips play in a loop while nobody is there. Default false: the screen stays black (nothing shows on the glass).',
        ),
      presence: NarratorPresenceSchema.optional(),
    })
    .superRefine((n, ctx) => {
      if (n.attractLoop === true && !n.clips.some((c) => c.attract === true))
        ctx.addIssue({ code: 'custom', path: ['attractLoop'], message: '`attractLoop` is true but no clip has `attract: true`' });
    })
    .describe("The holographic narrator: clips of a narrator figure, started when a visitor's face is seen in front of it.");
  return { NarratorClipSchema, NarratorPresenceSchema, NarratorSchema };
}
