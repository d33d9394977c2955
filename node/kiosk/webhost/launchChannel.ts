import { z } from 'zod';

/**
 * The launcher's private line to the web host (scripts/start.mjs, the e2e fixture): it spawns `webhost.cjs` with
 * an IPC channel (https://nodejs.org/api/child_process.html#optionsstdio) and asks for a fresh launch URL each time
 * it starts a browser, since a launch nonce works once and for a minute only. Nothing else can write to that channel.
 */
export const LaunchUrlRequestSchema = z.object({ type: z.literal('launchUrl'), id: z.number().int().nonnegative() }).strict();
export const LaunchUrlReplySchema = z
  .object({ type: z.literal('launchUrl'), id: z.number().int().nonnegative(), launchUrl: z.string().url() })
  .strict();
export type LaunchUrlReply = z.infer<typeof LaunchUrlReplySchema>;

interface Channel {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  send?(message: unknown): boolean;
}

/** Answers launch URL requests on `channel` (the process when it has an IPC channel); anything else is ignored. */
export function serveLaunchUrls(channel: Channel, issueLaunchUrl: () => string): void {
  const send = channel.send?.bind(channel);
  if (!send) return;
  channel.on('message', (message) => {
    const req = LaunchUrlRequestSchema.safeParse(message);
    if (!req.success) return;
    const reply: LaunchUrlReply = { type: 'launchUrl', id: req.data.id, launchUrl: issueLaunchUrl() };
    send(reply);
  });
}
