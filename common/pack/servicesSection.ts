import { z } from 'zod';

/**
 * The pack's `services` section (便民服务): the station's services board (nursing room, family toilet,
 * drinking water, ...), each with an icon, a short text, its opening times and where it is in the
 * station, and the "15-minute service circle": service points near the station with the minutes it
 * takes to walk there. Built from manifest.ts's shared pieces (text, asset path) through
 * `servicesSchemas(...)` so that this file does not import manifest.ts back.
 * Designers' guide: resources/packs/GUIDE.md, section "services".
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

/** The longest walk the circle lists: the "15-minute" of the 15-minute service circle (a city planning norm). */
export const SERVICE_CIRCLE_MAX_MINUTES = 15;

/** Wording keys, in the order the guide lists them. All required: the board has no words of its own. */
export const SERVICES_WORDING_KEYS = [
  'title',
  'subtitle',
  'cornerLabel',
  'hoursLabel',
  'whereLabel',
  'outOfUse',
  'circleTitle',
  'circleSubtitle',
  'walkMinutes',
  'back',
] as const;
export type ServicesWordingKey = (typeof SERVICES_WORDING_KEYS)[number];

const WORDING_HELP: Record<ServicesWordingKey, string> = {
  title: 'The board\'s title, e.g. {"zh-CN": "便民服务", "en": "Station services"}.',
  subtitle: 'One line under the title.',
  cornerLabel: 'The small button on the attract screen and the home menu that opens the board.',
  hoursLabel: "Label before a service's opening times, e.g. 开放时间 / Open.",
  whereLabel: 'Label before where a service is, e.g. 位置 / Where.',
  outOfUse: 'Shown on a service the operator marked out of use for today, e.g. 今日暂停服务 / Not available today.',
  circleTitle: 'Title of the 15-minute service circle page and of the button that opens it.',
  circleSubtitle: "One line under the circle page's title.",
  walkMinutes: 'Walking time of a nearby point; "{minutes}" is replaced by the number, e.g. 步行 {minutes} 分钟 / {minutes} min walk.',
  back: 'The button that closes the board or the circle page.',
};

/** Builds the section's schemas from manifest.ts's shared pieces. */
export function servicesSchemas<T extends z.ZodType, A extends z.ZodType<string>>(shared: { text: T; asset: A }) {
  const wordingShape = Object.fromEntries(SERVICES_WORDING_KEYS.map((k) => [k, shared.text.describe(WORDING_HELP[k])])) as Record<
    ServicesWordingKey,
    T
  >;
  const ServicesWordingSchema = z.strictObject(wordingShape).describe('Every word of the board and the circle page.');
  const ServiceSchema = z
    .strictObject({
      id: Id.describe('Stable id: the operator\'s "out of use today" switch is stored under it.'),
      icon: shared.asset.describe('A small square picture (.png), shown at about 96 px; drawn on a light tile.'),
      name: shared.text.describe('Short name, e.g. 母婴室 / Nursing room.'),
      text: shared.text.describe('One or two short sentences: what is there.'),
      hours: shared.text.describe('Opening times as people say them, e.g. 每天 9:00–21:00 / Daily 9:00–21:00.'),
      where: shared.text.describe('Where in the station, e.g. 一层东侧，近服务台 / Ground floor, east side, by the desk.'),
    })
    .describe('One service of the station.');
  const CirclePointSchema = z
    .strictObject({
      id: Id,
      name: shared.text.describe('Name of the service point, e.g. 社区卫生服务站 / Community health station.'),
      text: shared.text.optional().describe('What it offers, one short line.'),
      walkMinutes: z
        .number()
        .int()
        .min(1)
        .max(SERVICE_CIRCLE_MAX_MINUTES)
        .describe(`Walking minutes from the station, 1-${SERVICE_CIRCLE_MAX_MINUTES}.`),
      icon: shared.asset.optional().describe('A small square picture (.png); none: a map pin is drawn.'),
    })
    .describe('A service point near the station.');
  const uniqueIds = (items: { id: string }[], ctx: z.RefinementCtx, what: string): void => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `${what} id "${it.id}" is used twice` });
      seen.add(it.id);
    });
  };
  const ServicesSchema = z
    .strictObject({
      wording: ServicesWordingSchema,
      items: z
        .array(ServiceSchema)
        .min(1)
        .max(40)
        .superRefine((s, ctx) => uniqueIds(s, ctx, 'service')),
      circle: z
        .array(CirclePointSchema)
        .max(60)
        .superRefine((s, ctx) => uniqueIds(s, ctx, 'circle point'))
        .optional()
        .describe('The 15-minute service circle; left out: no circle page.'),
    })
    .describe("The station's services board (便民服务) and the 15-minute service circle. Left out: no board.");
  return { ServicesWordingSchema, ServiceSchema, CirclePointSchema, ServicesSchema };
}
