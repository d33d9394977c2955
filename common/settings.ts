import { z } from 'zod';
import { EXHIBIT_IDS, ExhibitIdSchema } from './exhibits';
import { DEFAULT_OPENING_HOURS, OpeningHoursSchema } from './openingHours';
import { isValidTimeZone } from './time';

/**
 * Kiosk settings: validated with zod at every boundary, persisted by the settings service,
 * and migrated forward when a newer kiosk version opens an older file.
 * Bump SETTINGS_VERSION and add a step to SETTINGS_MIGRATIONS whenever the shape changes.
 */
export const SETTINGS_VERSION = 1;

export const LanguageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** Identifies the station in uploaded counts. */
  stationId: Id,
  /** Identifies this PC in uploaded counts; generated on first start. */
  kioskId: Id,
  /** Which exhibits this kiosk runs, in home-menu order. */
  exhibits: z
    .array(ExhibitIdSchema)
    .min(1, 'a kiosk runs at least one exhibit')
    .refine((a) => new Set(a).size === a.length, 'an exhibit is listed twice'),
  defaultLanguage: LanguageSchema,
  /** Seconds without a touch before the countdown overlay appears. */
  idleTimeoutSeconds: z.number().int().min(15).max(3600),
  /** Length of the countdown overlay before the kiosk resets to the attract screen. */
  idleCountdownSeconds: z.number().int().min(3).max(60),
  openingHours: OpeningHoursSchema,
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
  /** Keep the display awake during opening hours (Electron's powerSaveBlocker). */
  keepDisplayAwake: z.boolean(),
  /** Start the kiosk when the operating system user logs in. */
  startAtLogin: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What an operator may change through the settings screen (ids are set by installers). */
export const SettingsPatchSchema = SettingsSchema.omit({ version: true }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function defaultSettings(kioskId: string): Settings {
  return {
    version: SETTINGS_VERSION,
    stationId: 'yangpu-qinhuangdao-rd',
    kioskId,
    exhibits: [...EXHIBIT_IDS],
    defaultLanguage: 'zh-CN',
    idleTimeoutSeconds: 90,
    idleCountdownSeconds: 10,
    openingHours: DEFAULT_OPENING_HOURS,
    timeZone: 'Asia/Shanghai',
    keepDisplayAwake: true,
    startAtLogin: false,
  };
}

/** One step: takes the stored object of version `from` and returns version `from + 1`. */
export type SettingsMigration = (old: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version they upgrade from. Empty while version 1 is the only version shipped. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

export class SettingsMigrationError extends Error {}

/**
 * Brings a stored settings object up to `target` by running each step in order.
 * A file from a newer kiosk (version above target) is refused rather than guessed at.
 */
export function migrateSettings(
  raw: unknown,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
  target: number = SETTINGS_VERSION,
): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsMigrationError('stored settings are not an object');
  }
  let current = { ...(raw as Record<string, unknown>) };
  const version = current.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new SettingsMigrationError(`stored settings have no valid version (${JSON.stringify(version)})`);
  }
  if (version > target) {
    throw new SettingsMigrationError(`stored settings are version ${version}, newer than this kiosk's ${target}`);
  }
  for (let v = version; v < target; v += 1) {
    const step = migrations[v];
    if (!step) throw new SettingsMigrationError(`no migration from settings version ${v}`);
    current = { ...step(current), version: v + 1 };
  }
  return current;
}
