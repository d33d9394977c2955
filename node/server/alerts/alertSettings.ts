import { z } from 'zod';
import { AlertChannelsSchema, type AlertChannels } from './alertNotifier';
import { DEFAULT_ALERT_LIMITS, type AlertLimits } from './evaluateAlerts';

export interface AlertSettings {
  /** How often the fleet is checked; 0 turns the checks off. */
  intervalMs: number;
  /** The kiosks' heartbeat (upload) interval: a kiosk is down after 1.1 × this without a heartbeat. */
  heartbeatIntervalSeconds: number;
  limits: AlertLimits;
  channels: AlertChannels;
}

const Env = z.object({
  ALERT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  ALERT_HEARTBEAT_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300),
  ALERT_DOWN_AFTER_SECONDS: z.coerce.number().int().min(1).optional(),
  ALERT_BACKLOG_LIMIT: z.coerce.number().int().min(0).optional(),
  ALERT_FREE_DISK_MIN_BYTES: z.coerce.number().int().min(0).optional(),
  ALERT_WEBHOOK_URL: z.string().url().optional(),
  ALERT_SMTP_HOST: z.string().min(1).optional(),
  ALERT_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  ALERT_SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  ALERT_SMTP_USER: z.string().optional(),
  ALERT_SMTP_PASSWORD: z.string().optional(),
  ALERT_EMAIL_FROM: z.string().optional(),
  ALERT_EMAIL_TO: z.string().optional(),
});

/**
 * Alert settings from the environment (README: Configuration). Empty variables count as unset. A half-configured
 * SMTP (a host without sender or recipients) is an error at start, not a silent loss of every e-mail.
 */
export function alertSettingsFromEnv(env: NodeJS.ProcessEnv): AlertSettings {
  const raw = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('ALERT_') && v !== ''));
  const e = Env.parse(raw);
  const smtp = e.ALERT_SMTP_HOST
    ? {
        host: e.ALERT_SMTP_HOST,
        port: e.ALERT_SMTP_PORT,
        secure: e.ALERT_SMTP_SECURE === 'true',
        user: e.ALERT_SMTP_USER ?? null,
        password: e.ALERT_SMTP_PASSWORD ?? null,
        from: e.ALERT_EMAIL_FROM ?? '',
        to: (e.ALERT_EMAIL_TO ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }
    : null;
  return {
    intervalMs: e.ALERT_INTERVAL_SECONDS * 1000,
    heartbeatIntervalSeconds: e.ALERT_HEARTBEAT_SECONDS,
    limits: {
      ...DEFAULT_ALERT_LIMITS,
      downAfterSeconds: e.ALERT_DOWN_AFTER_SECONDS ?? DEFAULT_ALERT_LIMITS.downAfterSeconds,
      backlogLimit: e.ALERT_BACKLOG_LIMIT ?? DEFAULT_ALERT_LIMITS.backlogLimit,
      freeDiskMinBytes: e.ALERT_FREE_DISK_MIN_BYTES ?? DEFAULT_ALERT_LIMITS.freeDiskMinBytes,
    },
    channels: AlertChannelsSchema.parse({ webhookUrl: e.ALERT_WEBHOOK_URL ?? null, smtp }),
  };
}
