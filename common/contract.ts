import { z } from 'zod';
import { MetricNameSchema } from './metrics';
import { LanguageSchema, SettingsPatchSchema, SettingsSchema } from './settings';
import { ExhibitIdSchema } from './exhibits';
import { OpeningHoursSchema } from './openingHours';
import {
  ActivatePackRequestSchema,
  ActivePackSchema,
  ImportPackRequestSchema,
  PackEntrySchema,
  PackListSchema,
  PackRevisionSchema,
} from './pack/packContract';
import { ExhibitConfigResponseSchema, GetExhibitConfigRequestSchema, SetExhibitConfigRequestSchema } from './exhibitConfig';
import {
  DashboardSchema,
  DateRangeSchema,
  ExportCsvRequestSchema,
  ExportCsvResponseSchema,
  HealthSchema,
  UploadResultSchema,
  UploadSettingsUpdateSchema,
  UploadSettingsViewSchema,
} from './operatorConsole';
import { ExportReportPdfResponseSchema } from './reportPdf';
import { SmileSummarySchema } from './smileSummary';
import {
  ClearPrintQueueResponseSchema,
  MAX_CARD_BASE64,
  PostcardLinkSchema,
  PrintJobSchema,
  PrintPostcardRequestSchema,
  PrintQueueViewSchema,
  PrintStatusRequestSchema,
  OperatorPrintJobSchema,
  ReprintPrintJobRequestSchema,
  PrinterListSchema,
  SavePostcardRequestSchema,
  TakeawayStatusSchema,
} from './postcardContract';
import { SmileStatusReportSchema, SmileStatusViewSchema } from './smileStatus';
import { ServicesStatusSchema, SetServiceOutOfUseRequestSchema } from './servicesStatus';
import { LogGroupVisitRequestSchema, LogGroupVisitResponseSchema } from './groupVisits';
import { StartGuideRemoteResponseSchema, SyncGuideRemoteRequestSchema, SyncGuideRemoteResponseSchema } from './guideRemote';

/**
 * The one typed contract between the renderer and the services behind it.
 *
 * Every channel has a method name (the key: what the preload exposes and what the renderer's client
 * calls), an IPC channel string, who may call it, and zod schemas for its request and response.
 * The Electron main handlers, the preload bridge, the web host's HTTP routes and the renderer's
 * client are all generated from this object; nothing here is repeated anywhere by hand.
 */

/**
 * `public`: any screen of the kiosk. `operator`: needs a token from `unlockOperator`/`setupPin`.
 * `guide`: a token from `unlockGuide` (the guide PIN) or an operator's: runs lessons, logs groups, nothing more.
 */
export type Access = 'public' | 'operator' | 'guide';

export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly channel: string;
  readonly access: Access;
  readonly request: Req;
  readonly response: Res;
  /**
   * Largest request the web host accepts for this channel, in bytes of JSON (default 512 KiB).
   * Only channels that carry images (a finished postcard) raise it.
   */
  readonly maxRequestBytes?: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;

function def<Req extends z.ZodType, Res extends z.ZodType>(d: ChannelDef<Req, Res>): ChannelDef<Req, Res> {
  return d;
}

const Empty = z.object({}).strict();
// Up to 12 digits: an installer's one-time PIN (common/provisioning.ts) may be that long.
export const PinSchema = z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits');
const OperatorSession = z.object({ token: z.string().min(32), expiresAt: z.number() });

export const KioskStateSchema = z.object({
  appVersion: z.string(),
  /** Which shell serves the renderer. */
  runtime: z.enum(['electron', 'web']),
  stationId: z.string(),
  kioskId: z.string(),
  exhibits: z.array(ExhibitIdSchema),
  defaultLanguage: LanguageSchema,
  idleTimeoutSeconds: z.number().int().positive(),
  idleCountdownSeconds: z.number().int().positive(),
  openingHours: OpeningHoursSchema,
  timeZone: z.string(),
  /** False on the first start: the kiosk asks for a new operator PIN before anything else. */
  pinSet: z.boolean(),
  /**
   * Whether the screen may set the first PIN (setupPin): only on a kiosk nobody provisioned, within
   * the first minutes after its first start. False with pinSet false: "provision with kioskctl".
   */
  setupPinAllowed: z.boolean(),
  /** The services' clock, so the renderer can notice a skewed or injected clock. */
  now: z.number(),
  /** Whether the operator has set a guide PIN: the PIN pad then also opens the lesson runner. */
  guidePinSet: z.boolean().default(false),
});
export type KioskState = z.infer<typeof KioskStateSchema>;

export const contract = {
  getKioskState: def({ channel: 'kiosk:get-state', access: 'public', request: Empty, response: KioskStateSchema }),
  recordUsage: def({
    channel: 'usage:record',
    access: 'public',
    request: z.object({ metric: MetricNameSchema, amount: z.number().int().min(1).max(1000).default(1) }).strict(),
    response: z.object({ recorded: z.literal(true) }),
  }),
  setupPin: def({
    channel: 'operator:setup-pin',
    access: 'public',
    request: z.object({ pin: PinSchema }).strict(),
    response: OperatorSession,
  }),
  unlockOperator: def({
    channel: 'operator:unlock',
    access: 'public',
    request: z.object({ pin: PinSchema }).strict(),
    /** mustChangePin: the PIN was an installer's one-time PIN; the console asks for a new one first. */
    response: OperatorSession.extend({ mustChangePin: z.boolean() }),
  }),
  lockOperator: def({ channel: 'operator:lock', access: 'operator', request: Empty, response: Empty }),
  getSettings: def({ channel: 'settings:get', access: 'operator', request: Empty, response: SettingsSchema }),
  updateSettings: def({ channel: 'settings:update', access: 'operator', request: SettingsPatchSchema, response: SettingsSchema }),
  changePin: def({
    channel: 'operator:change-pin',
    access: 'operator',
    request: z.object({ currentPin: PinSchema, newPin: PinSchema }).strict(),
    response: Empty,
  }),
  // Operator console and upload; schemas in common/operatorConsole.ts.
  getDashboard: def({ channel: 'dashboard:get', access: 'operator', request: DateRangeSchema, response: DashboardSchema }),
  exportCsv: def({
    channel: 'dashboard:export-csv',
    access: 'operator',
    request: ExportCsvRequestSchema,
    response: ExportCsvResponseSchema,
  }),
  exportReportPdf: def({
    channel: 'dashboard:export-pdf',
    access: 'operator',
    request: ExportCsvRequestSchema,
    response: ExportReportPdfResponseSchema,
  }),
  getHealth: def({ channel: 'health:get', access: 'operator', request: Empty, response: HealthSchema }),
  getUploadSettings: def({ channel: 'upload:get-settings', access: 'operator', request: Empty, response: UploadSettingsViewSchema }),
  updateUploadSettings: def({
    channel: 'upload:update-settings',
    access: 'operator',
    request: UploadSettingsUpdateSchema,
    response: UploadSettingsViewSchema,
  }),
  uploadNow: def({ channel: 'upload:now', access: 'operator', request: Empty, response: UploadResultSchema }),
  // Per-kiosk exhibit settings; one zod schema per key in common/exhibitConfig.ts.
  getExhibitConfig: def({
    channel: 'exhibit-config:get',
    access: 'public',
    request: GetExhibitConfigRequestSchema,
    response: ExhibitConfigResponseSchema,
  }),
  setExhibitConfig: def({
    channel: 'exhibit-config:set',
    access: 'operator',
    request: SetExhibitConfigRequestSchema,
    response: ExhibitConfigResponseSchema,
  }),
  // Postcards; schemas in common/postcardContract.ts, settings under the exhibit-config key 'postcard'.
  reservePostcard: def({ channel: 'postcard:reserve', access: 'public', request: Empty, response: PostcardLinkSchema }),
  savePostcard: def({
    channel: 'postcard:save',
    access: 'public',
    request: SavePostcardRequestSchema,
    response: PostcardLinkSchema,
    // A 148x100 mm card at 300 dpi is 0.5-1.3 MB of JPEG, a third more as base64.
    maxRequestBytes: MAX_CARD_BASE64 + 64 * 1024,
  }),
  printPostcard: def({ channel: 'postcard:print', access: 'public', request: PrintPostcardRequestSchema, response: PrintJobSchema }),
  getPrintStatus: def({ channel: 'postcard:print-status', access: 'public', request: PrintStatusRequestSchema, response: PrintJobSchema }),
  getPrintQueue: def({ channel: 'postcard:print-queue', access: 'operator', request: Empty, response: PrintQueueViewSchema }),
  clearPrintQueue: def({
    channel: 'postcard:clear-print-queue',
    access: 'operator',
    request: Empty,
    response: ClearPrintQueueResponseSchema,
  }),
  testPrint: def({ channel: 'postcard:test-print', access: 'operator', request: Empty, response: PrintJobSchema }),
  reprintPrintJob: def({
    channel: 'postcard:reprint',
    access: 'operator',
    request: ReprintPrintJobRequestSchema,
    response: OperatorPrintJobSchema,
  }),
  listPrinters: def({ channel: 'postcard:list-printers', access: 'operator', request: Empty, response: PrinterListSchema }),
  getTakeawayStatus: def({ channel: 'postcard:takeaway-status', access: 'operator', request: Empty, response: TakeawayStatusSchema }),
  // The smile meter's big screen: today's and the week's counts; schema in common/smileSummary.ts.
  getSmileSummary: def({ channel: 'smile:get-summary', access: 'public', request: Empty, response: SmileSummarySchema }),
  // Smile meter: the kiosk screen counting in the background reports its cameras; schemas in common/smileStatus.ts.
  reportSmileStatus: def({
    channel: 'smile:report-status',
    access: 'public',
    request: SmileStatusReportSchema,
    response: z.object({ received: z.literal(true) }),
    maxRequestBytes: 8 * 1024,
  }),
  getSmileStatus: def({ channel: 'smile:get-status', access: 'operator', request: Empty, response: SmileStatusViewSchema }),
  // The services board: which services are out of use today; schemas in common/servicesStatus.ts.
  getServicesStatus: def({ channel: 'services:get-status', access: 'public', request: Empty, response: ServicesStatusSchema }),
  setServiceOutOfUse: def({
    channel: 'services:set-out-of-use',
    access: 'operator',
    request: SetServiceOutOfUseRequestSchema,
    response: ServicesStatusSchema,
  }),
  // Guided group visits: the guide logs a group (size, organisation type); schemas in common/groupVisits.ts.
  logGroupVisit: def({
    channel: 'groups:log-visit',
    access: 'guide',
    request: LogGroupVisitRequestSchema,
    response: LogGroupVisitResponseSchema,
  }),
  // The guide role: the operator sets the guide PIN; the guide PIN gives a guide session (lessons, group log).
  setGuidePin: def({ channel: 'guide:set-pin', access: 'operator', request: z.object({ pin: PinSchema }).strict(), response: Empty }),
  unlockGuide: def({
    channel: 'guide:unlock',
    access: 'public',
    request: z.object({ pin: PinSchema }).strict(),
    response: OperatorSession,
  }),
  lockGuide: def({ channel: 'guide:lock', access: 'guide', request: Empty, response: Empty }),
  // The guide's phone as a remote (common/guideRemote.ts): a one-time pairing link, then the screen's state and the phone's commands.
  startGuideRemote: def({ channel: 'guide:remote-start', access: 'guide', request: Empty, response: StartGuideRemoteResponseSchema }),
  syncGuideRemote: def({
    channel: 'guide:remote-sync',
    access: 'guide',
    request: SyncGuideRemoteRequestSchema,
    response: SyncGuideRemoteResponseSchema,
  }),
  // Content packs; schemas in common/pack/packContract.ts, files served under /pack/.
  getActivePack: def({ channel: 'pack:get-active', access: 'public', request: Empty, response: ActivePackSchema }),
  getPackRevision: def({ channel: 'pack:get-revision', access: 'public', request: Empty, response: PackRevisionSchema }),
  listPacks: def({ channel: 'pack:list', access: 'operator', request: Empty, response: PackListSchema }),
  importPack: def({ channel: 'pack:import', access: 'operator', request: ImportPackRequestSchema, response: PackEntrySchema }),
  activatePack: def({ channel: 'pack:activate', access: 'operator', request: ActivatePackRequestSchema, response: PackEntrySchema }),
  rollbackPack: def({ channel: 'pack:rollback', access: 'operator', request: Empty, response: PackEntrySchema }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What the caller passes (defaults may be omitted). */
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
/** What a handler receives after parsing (defaults filled in). */
export type ParsedRequestOf<M extends MethodName> = z.output<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;

export const ErrorCodeSchema = z.enum([
  'UNKNOWN_CHANNEL',
  'BAD_REQUEST',
  'BAD_RESPONSE',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'PIN_NOT_SET',
  'PIN_ALREADY_SET',
  'PIN_WRONG',
  'PIN_LOCKED',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
  /** importPack: the pack was refused; `issues` lists every problem with its `file`. */
  'PACK_INVALID',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const KioskErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** For BAD_REQUEST and PACK_INVALID: each problem with its JSON path (and, for packs, its file). */
  issues: z.array(z.object({ path: z.string(), message: z.string(), file: z.string().optional() })).optional(),
  /** For PIN_LOCKED and rate limits. */
  retryAfterMs: z.number().optional(),
  /** For PIN_WRONG. */
  attemptsLeft: z.number().optional(),
  /** Why a request was refused, for a screen that words it itself (reprintPrintJob: REPRINT_REFUSALS in postcardContract.ts). */
  reason: z.string().optional(),
});
export type KioskErrorData = z.infer<typeof KioskErrorSchema>;

/** Every call goes over the wire (IPC or HTTP) as this envelope... */
export const RequestEnvelopeSchema = z.object({ payload: z.unknown(), operatorToken: z.string().max(200).optional() }).strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;

/** ...and comes back as this one. */
export const ResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: KioskErrorSchema }),
]);
export type ResponseEnvelope = z.infer<typeof ResponseEnvelopeSchema>;

/** The shape of `window.kiosk` that the preload exposes: one named function per method. */
export type KioskBridge = {
  [M in MethodName]: (payload: RequestOf<M>, operatorToken?: string) => Promise<ResponseEnvelope>;
};

/** Thrown by the renderer's client and by services; carries the typed error data. */
export class KioskError extends Error {
  constructor(readonly data: KioskErrorData) {
    super(data.message);
    this.name = 'KioskError';
  }
  get code(): ErrorCode {
    return this.data.code;
  }
}

/** Turns zod issues into the contract's `{path, message}` list. */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.length
      ? i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '(root)',
    message: i.message,
  }));
}
