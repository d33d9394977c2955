import { z } from 'zod';

/**
 * Per-kiosk settings of the postcard exhibit (留影滨江): the take-away server on the station's
 * Wi-Fi, how long cards live, printing. Stored through the exhibit-config service as the key
 * 'postcard' (common/exhibitConfig.ts), so the operator screen edits it like any exhibit setting.
 */

/** An interface name such as `wlan0`, an IPv4/IPv6 literal, or `auto` (the first non-loopback IPv4 address). */
const InterfaceSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:%-]+$/, 'an interface name (wlan0), an IP address, or "auto"');

/** Where a phone reaches the kiosk, when a hotspot portal or proxy fronts it: http(s) origin plus an optional path prefix. */
const PublicBaseUrlSchema = z
  .string()
  .trim()
  .max(300)
  // A regex rather than URL: common/ has no DOM or Node globals (tsconfig.common.json).
  .regex(
    /^https?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/,
    'an http:// or https:// URL without query, fragment or credentials',
  )
  .transform((s) => s.replace(/\/+$/, ''));

export const PageSizeSchema = z.strictObject({
  /** The long side and the short side, in millimetres; the page turns with the card's orientation. */
  widthMm: z.number().min(50).max(420),
  heightMm: z.number().min(50).max(420),
});
export type PageSize = z.infer<typeof PageSizeSchema>;

export const PostcardSettingsSchema = z.strictObject({
  takeaway: z.strictObject({
    /** Off: no server on the Wi-Fi and no QR code; printing still works. */
    enabled: z.boolean(),
    interface: InterfaceSchema,
    port: z.number().int().min(1024).max(65535),
    /** Null: `http://<address of the interface>:<port>`. */
    publicBaseUrl: PublicBaseUrlSchema.nullable(),
  }),
  /** How long a card (and a visitor photo) lives before its link expires and its files are deleted. */
  expiryHours: z
    .number()
    .min(0.25)
    .max(24 * 7),
  /** Prints per card; 0 turns printing off for visitors (the operator's test print still works). */
  printLimit: z.number().int().min(0).max(10),
  /** Empty: the system's default printer. */
  printerName: z.string().trim().max(200),
  pageSize: PageSizeSchema,
  /**
   * Cards made and visitor prints per clock hour on this kiosk, against running out of paper or disk when someone
   * keeps pressing the buttons (the operator's test prints and reprints do not count). Settings saved before this
   * field existed get the defaults.
   */
  hourlyLimits: z
    .strictObject({
      cards: z.number().int().min(1).max(10_000),
      prints: z.number().int().min(0).max(1_000),
    })
    .default({ cards: 120, prints: 60 }),
});
export type PostcardSettings = z.infer<typeof PostcardSettingsSchema>;

export const POSTCARD_SETTINGS_DEFAULT: PostcardSettings = {
  takeaway: { enabled: true, interface: 'auto', port: 8780, publicBaseUrl: null },
  expiryHours: 24,
  printLimit: 2,
  printerName: '',
  // A6-ish postcard, 148 x 100 mm (the Japanese/Chinese standard postcard size).
  pageSize: { widthMm: 148, heightMm: 100 },
  // A postcard printer makes about one card a minute (a dye-sublimation printer takes 40-60 s a page), so 60 prints
  // an hour is what it can do; twice as many cards leaves room for visitors who only take theirs by QR.
  hourlyLimits: { cards: 120, prints: 60 },
};

/** 1 pt = 1/72 in = 25.4/72 mm (ISO 32000-1, 8.3.2.3 user space units). */
export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
