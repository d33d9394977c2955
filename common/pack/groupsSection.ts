import { z } from 'zod';

/**
 * The pack's `groups` section (情景党课, guided group visits): lesson plans a guide runs on the big screen,
 * each an ordered list of steps pointing at something the kiosk already shows (a story's page, a panorama
 * node and building, a postcard scene, the smile meter's big screen, a narrator clip), with a title, the guide's notes
 * (shown only to the guide) and a suggested duration; and the list of organisation types a guide picks
 * from when logging a group (never names of people). Built from manifest.ts's shared pieces through
 * `groupsSchemas(...)`; the targets are checked against the other sections by `checkLessonTargets`.
 * Designers' guide: resources/packs/GUIDE.md, section "groups".
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

export const LessonTargetSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('story'),
      story: Id.describe('A story id of `history.stories`.'),
      page: z.number().int().min(1).max(60).describe('Page number, from 1.'),
    }),
    z.strictObject({
      kind: z.literal('panorama'),
      node: Id.describe('A node id of `panorama.nodes`.'),
      building: Id.optional().describe('A building id of `panorama.buildings`, opened at that node.'),
    }),
    z.strictObject({ kind: z.literal('postcard'), scene: Id.describe('A scene id of `postcard.scenes`.') }),
    z.strictObject({ kind: z.literal('smile') }).describe("The smile meter's big screen."),
    z
      .strictObject({ kind: z.literal('narrator'), clip: Id.describe('A clip id of `narrator.clips`.') })
      .describe('The holographic narrator plays this clip to the group, whether or not its camera sees anyone.'),
  ])
  .describe('What the big screen shows during the step.');
export type LessonTarget = z.infer<typeof LessonTargetSchema>;

/** Builds the section's schemas from manifest.ts's shared pieces. */
export function groupsSchemas<T extends z.ZodType>(shared: { text: T }) {
  const uniqueIds = (items: { id: string }[], ctx: z.RefinementCtx, what: string): void => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${what} id "${it.id}" is used twice` });
      seen.add(it.id);
    });
  };
  const LessonStepSchema = z
    .strictObject({
      title: shared.text.describe("The step's title, shown on the big screen and to the guide."),
      notes: shared.text.describe("The guide's notes: what to say and ask. Shown only on the guide's controls, never to the group."),
      minutes: z.number().int().min(1).max(60).describe('Suggested duration in minutes.'),
      target: LessonTargetSchema,
    })
    .describe('One step of a lesson.');
  const LessonSchema = z
    .strictObject({
      id: Id,
      title: shared.text,
      summary: shared.text.optional().describe("One or two lines for the guide's lesson list."),
      steps: z.array(LessonStepSchema).min(1).max(40),
    })
    .describe('A lesson plan: steps in the order the guide runs them.');
  const OrganisationTypeSchema = z
    .strictObject({ id: Id, label: shared.text })
    .describe('A kind of organisation a group comes from, e.g. 学校 / School.');
  const GroupsSchema = z
    .strictObject({
      lessons: z
        .array(LessonSchema)
        .min(1)
        .max(50)
        .superRefine((l, ctx) => uniqueIds(l, ctx, 'lesson')),
      organisationTypes: z
        .array(OrganisationTypeSchema)
        .min(1)
        .max(30)
        .superRefine((o, ctx) => uniqueIds(o, ctx, 'organisation type')),
    })
    .describe('Guided group visits (情景党课): lesson plans and the organisation types a guide logs a group with.');
  return { LessonStepSchema, LessonSchema, OrganisationTypeSchema, GroupsSchema };
}

/** Enough of a parsed manifest to check where lesson steps point. */
interface TargetsView {
  history?: { stories: { id: string; pages: unknown[] }[] };
  panorama?: { nodes: { id: string }[]; buildings: { id: string }[] };
  postcard?: { scenes: { id: string }[] };
  smile?: unknown;
  narrator?: { clips: { id: string }[] };
  groups?: { lessons: { steps: { target: LessonTarget }[] }[] };
}

/** Every lesson step whose target is not in the pack (a missing story, page, node, building, scene, clip or section). */
export function checkLessonTargets(m: TargetsView): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  m.groups?.lessons.forEach((lesson, li) =>
    lesson.steps.forEach((step, si) => {
      const path = ['groups', 'lessons', li, 'steps', si, 'target'];
      const t = step.target;
      const miss = (what: string, key: string): void => void out.push({ path: [...path, key], message: what });
      if (t.kind === 'story') {
        const story = m.history?.stories.find((s) => s.id === t.story);
        if (!story) miss(`no story "${t.story}" in history.stories`, 'story');
        else if (t.page > story.pages.length) miss(`story "${t.story}" has ${story.pages.length} pages, not ${t.page}`, 'page');
      } else if (t.kind === 'panorama') {
        if (!m.panorama?.nodes.some((n) => n.id === t.node)) miss(`no node "${t.node}" in panorama.nodes`, 'node');
        if (t.building && !m.panorama?.buildings.some((b) => b.id === t.building))
          miss(`no building "${t.building}" in panorama.buildings`, 'building');
      } else if (t.kind === 'postcard') {
        if (!m.postcard?.scenes.some((s) => s.id === t.scene)) miss(`no scene "${t.scene}" in postcard.scenes`, 'scene');
      } else if (t.kind === 'narrator') {
        if (!m.narrator?.clips.some((c) => c.id === t.clip)) miss(`no clip "${t.clip}" in narrator.clips`, 'clip');
      } else if (m.smile === undefined) {
        miss('the pack has no smile section, so there is no big screen to show', 'kind');
      }
    }),
  );
  return out;
}
