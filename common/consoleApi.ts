import { z } from 'zod';
import { DashboardSchema } from './operatorConsole';
import { SmileCorrectionSchema } from './smileShare';

/**
 * What the station and district server's console API answers (node/server/console/), as the console's pages
 * (web/console/) read it: the pages parse every answer with these, and the server's tests check its answers with them.
 */

export const ConsoleUserSchema = z.object({ name: z.string(), role: z.enum(['district', 'station']), stationId: z.string().nullable() });
export type ConsoleUser = z.infer<typeof ConsoleUserSchema>;
export const SessionSchema = z.object({ user: ConsoleUserSchema, csrfToken: z.string() });

/** The kiosk dashboard's figures over every kiosk of one station. */
export const StationDashboardSchema = DashboardSchema.extend({
  stationId: z.string(),
  stationName: z.string(),
  minVisitors: z.number().int(),
  usageByKiosk: z.array(z.object({ kioskId: z.string(), name: z.string(), usage: z.record(z.string(), z.number()) })),
});
export type StationDashboard = z.infer<typeof StationDashboardSchema>;

const SummarySchema = DashboardSchema.shape.current;
const DistrictPeriodSchema = z.object({ from: z.string(), to: z.string(), days: z.number().int() });
export const DistrictSummarySchema = z.object({
  period: DistrictPeriodSchema,
  previousPeriod: DistrictPeriodSchema,
  minVisitors: z.number().int(),
  stations: z.array(
    z.object({
      stationId: z.string(),
      name: z.string(),
      current: SummarySchema,
      previous: SummarySchema,
      change: DashboardSchema.shape.change,
      days: z.array(z.object({ day: z.string(), visitorsIn: z.number(), visitorsOut: z.number() })),
      smileModel: SmileCorrectionSchema.nullable(),
    }),
  ),
});
export type DistrictSummary = z.infer<typeof DistrictSummarySchema>;

const PackSchema = z.object({ id: z.string(), version: z.string() }).nullable();
const CameraSchema = z.object({ id: z.string(), state: z.string() });
export const FleetSchema = z.object({
  kiosks: z.array(
    z.object({
      kioskId: z.string(),
      stationId: z.string(),
      name: z.string(),
      lastHeartbeatAt: z.string().nullable(),
      silentForSeconds: z.number().nullable(),
      appVersion: z.string().nullable(),
      contentPack: PackSchema,
      cameras: z.array(CameraSchema),
      uploadBacklog: z.number().nullable(),
      freeDiskBytes: z.number().nullable(),
      restarts: z.number().nullable(),
    }),
  ),
});
export type Fleet = z.infer<typeof FleetSchema>;

export const HeartbeatHistorySchema = z.object({
  kioskId: z.string(),
  stationId: z.string(),
  name: z.string(),
  heartbeats: z.array(
    z.object({
      receivedAt: z.string(),
      sentAt: z.string(),
      appVersion: z.string(),
      uptimeSeconds: z.number(),
      restarts: z.number(),
      lastCrashReason: z.string().nullable(),
      uploadBacklog: z.number(),
      freeDiskBytes: z.number().nullable(),
      contentPack: PackSchema,
      cameras: z.array(CameraSchema),
    }),
  ),
});
export type HeartbeatHistory = z.infer<typeof HeartbeatHistorySchema>;
