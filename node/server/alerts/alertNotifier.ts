import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { DeliveryResult } from '../../../common/consoleAlertsApi';
import type { AlertEvent } from './evaluateAlerts';

/** Where alert events go: a webhook (JSON POST) and, optionally, e-mail through an SMTP server. */
export const AlertChannelsSchema = z
  .object({
    webhookUrl: z.string().url().max(2000).nullable(),
    smtp: z
      .object({
        host: z.string().min(1).max(255),
        port: z.number().int().min(1).max(65535),
        /** true: TLS from the start (port 465); false: STARTTLS when the server offers it. */
        secure: z.boolean(),
        user: z.string().max(200).nullable(),
        password: z.string().max(200).nullable(),
        from: z.string().email(),
        to: z.array(z.string().email()).min(1).max(20),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type AlertChannels = z.infer<typeof AlertChannelsSchema>;

export type { DeliveryResult };

const SUBJECT: Record<AlertEvent['kind'], [string, string]> = {
  kiosk_down: ['kiosk down', 'kiosk back up'],
  camera_error: ['camera in error', 'camera recovered'],
  backlog_high: ['upload backlog high', 'upload backlog back to normal'],
  disk_low: ['free disk low', 'free disk back to normal'],
};

export function describeEvent(e: AlertEvent): string {
  const [raised, cleared] = SUBJECT[e.kind];
  return `[${e.stationId}/${e.kioskId}] ${e.transition === 'raised' ? raised : cleared}${e.subject ? ` (${e.subject})` : ''} at ${new Date(e.at).toISOString()}: ${e.detail}`;
}

/**
 * Sends one alert event to each configured channel, once: the caller records the results with the event and does
 * not send it again (a failed delivery is shown in the console with its error, not retried for ever). A webhook
 * gets the event as JSON; e-mail goes through nodemailer (https://nodemailer.com/smtp/).
 */
export function createAlertNotifier(channels: AlertChannels, deps: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
  const doFetch = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const transport = channels.smtp
    ? nodemailer.createTransport({
        host: channels.smtp.host,
        port: channels.smtp.port,
        secure: channels.smtp.secure,
        ...(channels.smtp.user ? { auth: { user: channels.smtp.user, pass: channels.smtp.password ?? '' } } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      })
    : null;

  return {
    async deliver(e: AlertEvent): Promise<DeliveryResult[]> {
      const results: DeliveryResult[] = [];
      if (channels.webhookUrl) {
        try {
          const res = await doFetch(channels.webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ...e,
              at: new Date(e.at).toISOString(),
              since: new Date(e.since).toISOString(),
              text: describeEvent(e),
            }),
            signal: AbortSignal.timeout(timeoutMs),
          });
          results.push({ channel: 'webhook', ok: res.ok, error: res.ok ? null : `the webhook answered ${res.status}` });
        } catch (err) {
          results.push({ channel: 'webhook', ok: false, error: (err as Error).message });
        }
      }
      if (transport && channels.smtp) {
        try {
          await transport.sendMail({
            from: channels.smtp.from,
            to: channels.smtp.to,
            subject: describeEvent(e).slice(0, 200),
            text: describeEvent(e),
          });
          results.push({ channel: 'email', ok: true, error: null });
        } catch (err) {
          results.push({ channel: 'email', ok: false, error: (err as Error).message });
        }
      }
      return results;
    },
    close(): void {
      transport?.close();
    },
  };
}
