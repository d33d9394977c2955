import { z } from 'zod';

/**
 * The console's fleet alerts API (node/server/console/alertsApi.ts): what is alerting now, the events with what
 * each channel answered, and the monthly uptime report. Times are ISO strings; the server builds its answers with
 * these types.
 */

export const AlertKindSchema = z.enum(['kiosk_down', 'camera_error', 'backlog_high', 'disk_low']);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/** What one channel answered when the event was sent to it (a failed delivery is not retried). */
export const DeliveryResultSchema = z.object({ channel: z.enum(['webhook', 'email']), ok: z.boolean(), error: z.string().nullable() });
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>;

export const OpenAlertAnswerSchema = z.object({
  kind: AlertKindSchema,
  stationId: z.string(),
  kioskId: z.string(),
  /** For camera alerts, the camera id; '' otherwise. */
  subject: z.string(),
  since: z.string(),
  detail: z.string(),
});
export const AlertEventAnswerSchema = OpenAlertAnswerSchema.extend({
  id: z.number().int(),
  transition: z.enum(['raised', 'cleared']),
  at: z.string(),
  deliveries: z.array(DeliveryResultSchema),
});
export const AlertsSchema = z.object({ open: z.array(OpenAlertAnswerSchema), events: z.array(AlertEventAnswerSchema) });
export type Alerts = z.infer<typeof AlertsSchema>;

export const UptimeRowSchema = z.object({
  stationId: z.string(),
  kioskId: z.string(),
  /** Milliseconds of the period the kiosk was down. */
  downMs: z.number(),
  /** Down spells that overlap the period. */
  incidents: z.number().int(),
  /** 0-1. */
  uptime: z.number(),
});
export type UptimeRow = z.infer<typeof UptimeRowSchema>;
/** Per station: the mean of its kiosks' uptime (each kiosk weighs the same) and its incidents. */
export const StationUptimeSchema = z.object({
  stationId: z.string(),
  kiosks: z.number().int(),
  uptime: z.number(),
  incidents: z.number().int(),
});
export type StationUptime = z.infer<typeof StationUptimeSchema>;
/** One UTC calendar month, `from` included, `to` (the next month's first moment) not. */
export const UptimeAnswerSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  kiosks: z.array(UptimeRowSchema),
  stations: z.array(StationUptimeSchema),
});
export type UptimeAnswer = z.infer<typeof UptimeAnswerSchema>;
