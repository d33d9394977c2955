import { z } from 'zod';

/**
 * The guide's phone as a remote for a lesson running on the kiosk. The kiosk screen asks for a pairing (a one-time
 * link shown as a QR code, valid for PAIRING_TTL_MS, one phone at a time); the phone, on the station's Wi-Fi, opens
 * it on the kiosk's take-away server and gets the lesson's steps, the guide's notes and previous/next. The kiosk
 * screen keeps the lesson: it reports which lesson and step it shows and takes the phone's commands
 * (`syncGuideRemote`, polled while a lesson runs).
 */
export const PAIRING_TTL_MS = 2 * 60_000;

export const GuideRemoteCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('next') }),
  z.strictObject({ kind: z.literal('prev') }),
  z.strictObject({ kind: z.literal('go'), step: z.number().int().min(0).max(39) }),
]);
export type GuideRemoteCommand = z.infer<typeof GuideRemoteCommandSchema>;

export const StartGuideRemoteResponseSchema = z.strictObject({
  /** The link in the QR code: the take-away server's pairing page. */
  url: z.string(),
  qrPngDataUrl: z.string(),
  expiresAt: z.number(),
});

export const SyncGuideRemoteRequestSchema = z.strictObject({
  /** The lesson the kiosk screen runs (an id of the pack's `groups.lessons`), or null between lessons. */
  lessonId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
    .nullable(),
  stepIndex: z.number().int().min(0).max(39),
});
export type SyncGuideRemoteRequest = z.infer<typeof SyncGuideRemoteRequestSchema>;

export const SyncGuideRemoteResponseSchema = z.strictObject({
  /** A phone is paired now. */
  paired: z.boolean(),
  /** The phone's commands since the last sync, oldest first. */
  commands: z.array(GuideRemoteCommandSchema),
});
