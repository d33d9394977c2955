import { z } from 'zod';
import { LocalizedTextSchema, ManifestSchema } from './manifest';

/**
 * Request and response schemas of the content-pack channels (common/contract.ts lists the
 * channels). The active pack's files are served under PACK_BASE_URL: `/pack/<asset path>` on the
 * web host and `app://kiosk/pack/<asset path>` in Electron.
 */
export const PACK_BASE_URL = '/pack/';

export const ActivePackSchema = z.object({
  /** Changes whenever the active pack changes: the renderer swaps content at the attract screen. */
  revision: z.number().int().min(0),
  /** `id@version~stamp` of an installed pack, `builtin` (the demo pack), `preview`, or null. */
  key: z.string().nullable(),
  baseUrl: z.literal(PACK_BASE_URL),
  /** Null when no pack is available: the kiosk hides every exhibit that needs one. */
  manifest: ManifestSchema.nullable(),
});
export type ActivePack = z.infer<typeof ActivePackSchema>;

export const PackRevisionSchema = ActivePackSchema.pick({ revision: true, key: true });
export type PackRevision = z.infer<typeof PackRevisionSchema>;

export const PackEntrySchema = z.object({
  key: z.string(),
  id: z.string(),
  version: z.string(),
  date: z.string(),
  title: LocalizedTextSchema,
  active: z.boolean(),
  /** What `rollbackPack` would return to. */
  previous: z.boolean(),
  /** The demo pack shipped with the app. */
  builtin: z.boolean(),
});
export type PackEntry = z.infer<typeof PackEntrySchema>;

export const PackListSchema = z.object({
  packs: z.array(PackEntrySchema),
  /** True when the kiosk runs on a designer's folder (`npm run pack -- preview`): packs cannot be changed. */
  previewing: z.boolean(),
});
export type PackList = z.infer<typeof PackListSchema>;

/** A .zip file or a pack folder on this PC (e.g. on a USB stick). */
export const ImportPackRequestSchema = z.object({ path: z.string().trim().min(1).max(4096) }).strict();
export const ActivatePackRequestSchema = z.object({ key: z.string().min(1).max(300) }).strict();
