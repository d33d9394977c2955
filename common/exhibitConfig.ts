import { z } from 'zod';
import { WHEEL_MAPPING_DEFAULT, WheelMappingSchema } from './panoramaWheel';
import { NARRATOR_SETTINGS_DEFAULT, NarratorSettingsSchema } from './narratorSettings';
import { POSTCARD_SETTINGS_DEFAULT, PostcardSettingsSchema } from './postcardSettings';
import { SMILE_SETTINGS_DEFAULT, SmileSettingsSchema } from './smileSettings';
import { SERVICES_OUT_OF_USE_DEFAULT, ServicesOutOfUseSchema } from './servicesStatus';

/**
 * Per-kiosk exhibit settings that belong to one exhibit rather than to the whole kiosk (which mode a
 * history panel runs in, how its hotspots line up with the print in front of it, later the wheel's
 * mapping...). Stored by node/kiosk/exhibitConfigService.ts as one JSON row per key; every key has
 * its own zod schema and default here, so the services and the renderer validate the same way.
 * A later issue adds a key by adding one entry to EXHIBIT_CONFIG (schema + default).
 */

/** A point on the screen, as fractions of the viewport's width (x) and height (y). */
export const ScreenPointSchema = z.strictObject({
  // A print may reach a little past the screen's edge, hence the margin around 0..1.
  x: z.number().min(-1).max(2),
  y: z.number().min(-1).max(2),
});
export type ScreenPoint = z.infer<typeof ScreenPointSchema>;

/**
 * Where the four corners of the physical print appear on the screen, clockwise from the top left.
 * Must be a convex quadrilateral, or the projective mapping of the hotspots would fold over itself.
 */
export const CornersSchema = z
  .tuple([ScreenPointSchema, ScreenPointSchema, ScreenPointSchema, ScreenPointSchema])
  .describe('Top-left, top-right, bottom-right, bottom-left corners of the print on screen.')
  .superRefine((c, ctx) => {
    if (!isConvexClockwise(c))
      ctx.addIssue({ code: 'custom', message: 'the corners must form a convex shape, clockwise from the top left' });
  });
export type Corners = z.infer<typeof CornersSchema>;

/** True when p0..p3 turn the same way (clockwise on screen, y down) at every corner. */
export function isConvexClockwise(c: readonly ScreenPoint[]): boolean {
  for (let i = 0; i < 4; i++) {
    const a = c[i] as ScreenPoint;
    const b = c[(i + 1) % 4] as ScreenPoint;
    const d = c[(i + 2) % 4] as ScreenPoint;
    const cross = (b.x - a.x) * (d.y - b.y) - (b.y - a.y) * (d.x - b.x);
    if (!(cross > 1e-6)) return false;
  }
  return true;
}

export const HistoryPanelConfigSchema = z.strictObject({
  /** `screen`: an ordinary touch screen. `transparent`: a transparent panel in front of a sand-carved print. */
  mode: z.enum(['screen', 'transparent']),
  corners: CornersSchema,
});
export type HistoryPanelConfig = z.infer<typeof HistoryPanelConfigSchema>;

/** Key -> schema and default. The default is what a kiosk uses until an operator saves something. */
export const EXHIBIT_CONFIG = {
  'history.panel': {
    schema: HistoryPanelConfigSchema,
    default: {
      mode: 'screen',
      corners: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ],
    } satisfies HistoryPanelConfig as HistoryPanelConfig,
  },
  // The panorama exhibit: the steering wheel's mapping; schema in common/panoramaWheel.ts.
  'panorama.wheel': { schema: WheelMappingSchema, default: WHEEL_MAPPING_DEFAULT },
  // The postcard exhibit: take-away server, expiry, printing; schema in common/postcardSettings.ts.
  postcard: { schema: PostcardSettingsSchema, default: POSTCARD_SETTINGS_DEFAULT },
  // The smile meter: cameras, sampling, threshold; schema in common/smileSettings.ts.
  smile: { schema: SmileSettingsSchema, default: SMILE_SETTINGS_DEFAULT },
  // The services board: which services are out of use today; schema and expiry in common/servicesStatus.ts.
  'services.outOfUse': { schema: ServicesOutOfUseSchema, default: SERVICES_OUT_OF_USE_DEFAULT },
  // The holographic narrator: its presence camera and the projection; schema in common/narratorSettings.ts.
  narrator: { schema: NarratorSettingsSchema, default: NARRATOR_SETTINGS_DEFAULT },
} as const;

export type ExhibitConfigKey = keyof typeof EXHIBIT_CONFIG;
export type ExhibitConfigValue<K extends ExhibitConfigKey> = z.infer<(typeof EXHIBIT_CONFIG)[K]['schema']>;
export const EXHIBIT_CONFIG_KEYS = Object.keys(EXHIBIT_CONFIG) as [ExhibitConfigKey, ...ExhibitConfigKey[]];
export const ExhibitConfigKeySchema = z.enum(EXHIBIT_CONFIG_KEYS);

/** Validates `value` against the schema of `key`; issues carry paths under `value`. */
export function exhibitConfigSchemaOf<K extends ExhibitConfigKey>(key: K): (typeof EXHIBIT_CONFIG)[K]['schema'] {
  return EXHIBIT_CONFIG[key].schema;
}

export const GetExhibitConfigRequestSchema = z.strictObject({ key: ExhibitConfigKeySchema });

export const SetExhibitConfigRequestSchema = z.strictObject({ key: ExhibitConfigKeySchema, value: z.unknown() }).superRefine((req, ctx) => {
  if (!Object.hasOwn(EXHIBIT_CONFIG, req.key)) return;
  const parsed = exhibitConfigSchemaOf(req.key).safeParse(req.value);
  if (!parsed.success)
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['value', ...issue.path], message: issue.message });
});

export const ExhibitConfigResponseSchema = z.strictObject({
  key: ExhibitConfigKeySchema,
  /** Valid for the key's schema (the renderer re-parses it with `exhibitConfigSchemaOf(key)`). */
  value: z.unknown(),
  /** True when nothing (valid) is stored and `value` is the key's default. */
  isDefault: z.boolean(),
  updatedAt: z.number().nullable(),
});
export type ExhibitConfigResponse = z.infer<typeof ExhibitConfigResponseSchema>;
