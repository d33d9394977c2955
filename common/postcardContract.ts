import { z } from 'zod';

/** Request and response schemas of the postcard channels, used by common/contract.ts. */

/** A 12 MiB card as base64 (4 characters per 3 bytes). */
export const MAX_CARD_BASE64 = Math.ceil((12 * 1024 * 1024) / 3) * 4;
const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a postcard token is 43 base64url characters');

export const SavePostcardRequestSchema = z.strictObject({
  /** The finished card from the composition worker (canvas.convertToBlob), base64 without a data: prefix. */
  imageBase64: z
    .string()
    .min(8)
    .max(MAX_CARD_BASE64)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64 without a data: prefix or line breaks'),
  mime: z.enum(['image/png', 'image/jpeg']),
  /** From reservePostcard, when the QR code is drawn on the card itself. */
  token: TokenSchema.optional(),
});

export const PostcardLinkSchema = z.strictObject({
  token: TokenSchema,
  /** The take-away URL the QR code encodes; null when the take-away server is turned off. */
  url: z.string().nullable(),
  qrSvg: z.string().nullable(),
  qrPngDataUrl: z.string().nullable(),
  expiresAt: z.number(),
  /** False when the server is not listening (yet): the UI may offer printing only. */
  online: z.boolean(),
  /** Prints this card still allows, by the service's count (the visitor's screen shows it; 0 when printing is off). */
  printsLeft: z.number().int().min(0),
});
export type PostcardLinkView = z.infer<typeof PostcardLinkSchema>;

export const PRINT_FAILURE_REASONS = ['paper_out', 'printer_offline', 'other', 'card_expired', 'interrupted'] as const;
/** A print job's life: the contract's enum and the service's stored status (node/kiosk/postcards/printJobStore.ts). */
export const PRINT_STATUSES = ['queued', 'printing', 'done', 'failed'] as const;

export const PrintJobSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['card', 'test']),
  status: z.enum(PRINT_STATUSES),
  /**
   * Why it failed: a visitor is told "paper out" or "printer offline", an operator sees `message` too.
   * `card_expired`: the card was deleted (expiry) before its turn; `interrupted`: the kiosk stopped while it printed.
   */
  reason: z.enum(PRINT_FAILURE_REASONS).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Prints the job's card still allows now, by the service's count; null for a test page or a card that is gone. */
  printsLeft: z.number().int().min(0).nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobSchema>;

/**
 * Why the operator screen offers no "Reprint" for a job (reprintPrintJob): it did not fail, its card
 * expired or was deleted, or it was reprinted already (once per failed job, so a double tap prints one card).
 */
export const REPRINT_BLOCKS = ['not_failed', 'card_gone', 'already_reprinted'] as const;
export type ReprintBlock = (typeof REPRINT_BLOCKS)[number];
/** A refused reprintPrintJob's `reason` in the KioskError: a block above, or a job id the queue does not know. */
export const REPRINT_REFUSALS = ['unknown_job', ...REPRINT_BLOCKS] as const;
export type ReprintRefusal = (typeof REPRINT_REFUSALS)[number];

export const OperatorPrintJobSchema = PrintJobSchema.extend({
  message: z.string().nullable(),
  /** The printer's output file, if any (the PDF in the web host). */
  output: z.string().nullable(),
  /** The failed job this one reprints (the operator's reprint); null for a visitor's print or a test page. */
  reprintOf: z.string().nullable(),
  /** The operator's reprint of this job, once there is one. */
  reprintedBy: z.string().nullable(),
  /** Why "Reprint" is not offered now; null when it is. */
  reprintBlocked: z.enum(REPRINT_BLOCKS).nullable(),
});

/** An operator's reprint of a failed job: a new job of the same card, not counted against the visitor's prints. */
export const ReprintPrintJobRequestSchema = z.strictObject({ jobId: z.string().min(1).max(64) });

export const PrintPostcardRequestSchema = z.strictObject({ token: TokenSchema });
export const PrintStatusRequestSchema = z.strictObject({ jobId: z.string().min(1).max(64) });

/** A refused savePostcard or printPostcard's `reason` (code CONFLICT, with retryAfterMs) when this hour's limit is used up. */
export const HOURLY_LIMIT_REASON = 'hourly_limit';

const UsedOfSchema = z.strictObject({ used: z.number().int().min(0), limit: z.number().int().min(0) });
/** Cards made and visitor prints this clock hour against the 'postcard' setting hourlyLimits; `resetsAt`: the next hour. */
export const HourlyUsageSchema = z.strictObject({ cards: UsedOfSchema, prints: UsedOfSchema, resetsAt: z.number() });
export type HourlyUsage = z.infer<typeof HourlyUsageSchema>;

export const PrintQueueViewSchema = z.strictObject({
  jobs: z.array(OperatorPrintJobSchema),
  printer: z.strictObject({ kind: z.string(), name: z.string() }),
  printLimit: z.number().int(),
  hourly: HourlyUsageSchema,
});

export const ClearPrintQueueResponseSchema = z.strictObject({ removed: z.number().int() });

/** One printer the operator can choose (listPrinters): its system name goes into the 'postcard' settings' printerName. */
export const PrinterEntrySchema = z.strictObject({
  name: z.string(),
  displayName: z.string(),
  isDefault: z.boolean(),
  state: z.enum(['ready', 'paper_out', 'offline', 'unknown']),
  detail: z.string().nullable(),
});
export type PrinterEntry = z.infer<typeof PrinterEntrySchema>;

export const PrinterListSchema = z.strictObject({
  printers: z.array(PrinterEntrySchema),
  /** Why the list is empty or partial (no CUPS in the web host, say); null when it is complete. */
  note: z.string().nullable(),
});
export type PrinterList = z.infer<typeof PrinterListSchema>;

/** The take-away server as the operator screen and the health report show it (see postcardService.TakeawayStatus). */
export const TakeawayStatusSchema = z.strictObject({
  state: z.enum(['off', 'stopped', 'listening', 'failed']),
  url: z.string().nullable(),
  publicBaseUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type TakeawayStatus = z.infer<typeof TakeawayStatusSchema>;
