import { z } from 'zod';
import { DEFAULT_EXHIBITS, ExhibitIdSchema } from './exhibits';
import { DEFAULT_OPENING_HOURS, OpeningHoursSchema } from './openingHours';
import { isValidTimeZone } from './time';

/**
 * Kiosk settings: validated with zod at every boundary, persisted by the settings service,
 * and migrated forward when a newer kiosk version opens an older file.
 * Bump SETTINGS_VERSION and add a step to SETTINGS_MIGRATIONS whenever the shape changes.
 */
export const SETTINGS_VERSION = 2;

export const LanguageSchema = z.enum(['zh-CN', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2-63 characters');

/**
 * Where anonymous counts go. The bearer token is NOT here: it lives in the secret store
 * and is never sent back to the renderer. Plain http is refused except to this PC's loopback
 * (a receiver run by the station itself, and the tests).
 */
export function isAllowedUploadUrl(url: string): boolean {
  // common/ has no URL class (no DOM, no Node): a strict pattern instead of a full parser.
  const m = /^(https?):\/\/([^/?#\s@]+)([/?#][^\s]*)?$/i.exec(url);
  if (!m) return false;
  const scheme = (m[1] as string).toLowerCase();
  const hostPort = /^([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/i.exec(m[2] as string);
  if (!hostPort || (hostPort[2] !== undefined && Number(hostPort[2]) > 65535)) return false;
  const host = (hostPort[1] as string).toLowerCase();
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return false;
  if (scheme === 'https') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(host);
}

export const UploadSettingsSchema = z
  .object({
    url: z
      .string()
      .max(2000)
      .refine(isAllowedUploadUrl, 'an https:// URL (plain http only to 127.0.0.1 or localhost), without user name or password')
      .nullable(),
    /** Seconds between automatic uploads (failures back off on their own schedule). */
    intervalSeconds: z.number().int().min(30).max(86_400),
    /** Off: nothing leaves the kiosk, not even with "upload now". */
    enabled: z.boolean(),
  })
  .strict();
export type UploadSettings = z.infer<typeof UploadSettingsSchema>;

export const DEFAULT_UPLOAD_SETTINGS: UploadSettings = { url: null, intervalSeconds: 300, enabled: false };

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
  upload: UploadSettingsSchema,
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
    exhibits: [...DEFAULT_EXHIBITS],
    defaultLanguage: 'zh-CN',
    idleTimeoutSeconds: 90,
    idleCountdownSeconds: 10,
    openingHours: DEFAULT_OPENING_HOURS,
    timeZone: 'Asia/Shanghai',
    keepDisplayAwake: true,
    startAtLogin: false,
    upload: { ...DEFAULT_UPLOAD_SETTINGS },
  };
}

/** One step: takes the stored object of version `from` and returns version `from + 1`. */
export type SettingsMigration = (old: Record<string, unknown>) => Record<string, unknown>;

/** Keyed by the version they upgrade from. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {
  // 1 -> 2: upload settings, off until an installer enters a URL and a token.
  1: (old) => ({ ...old, upload: { ...DEFAULT_UPLOAD_SETTINGS } }),
};

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
