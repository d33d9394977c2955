import { z } from 'zod';
import { SmileSourceSchema } from './smileSettings';

/**
 * Per-kiosk settings of the holographic narrator (全息讲解员), stored through the exhibit-config service as the key
 * 'narrator' (common/exhibitConfig.ts): which camera watches for a visitor, and how the picture is laid onto the
 * projection (a rear-projection film or a Pepper's-ghost glass shows the screen mirrored, turned or smaller, and a
 * projector's black is never quite black). Set by the operator on the exhibit's operator panel. No image is kept:
 * the camera only tells the narrator whether a face is in front of it.
 */
export const NarratorProjectionSchema = z.strictObject({
  /** Flip the picture: a Pepper's-ghost glass reflects it (vertical or horizontal, by how the screen lies). */
  mirror: z.enum(['none', 'horizontal', 'vertical']),
  /** Turn the picture clockwise, for a screen mounted on its side or upside down. */
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Size of the figure as a share of the screen's shorter side (1: fills it). */
  scale: z.number().min(0.2).max(2),
  /**
   * Video levels at or below this (0..0.3 of full white) are drawn as pure black, so a video's dark grey halo does not
   * show as a glowing box on the glass; the rest is stretched to keep white white.
   */
  blackLevel: z.number().min(0).max(0.3),
});
export type NarratorProjection = z.infer<typeof NarratorProjectionSchema>;

export const NarratorSettingsSchema = z.strictObject({
  /** Off: the camera is not opened and the narrator shows nothing (attract clips included). */
  enabled: z.boolean(),
  /** The camera in front of the narrator, or a video file for demos and tests (the smile meter's source shape). */
  source: SmileSourceSchema,
  /** Frames looked at per second (presence needs few: a second or two of a face decides). */
  sampleFps: z.number().min(1).max(15),
  /** Faces smaller than this fraction of the frame height are people passing far away, not someone in front of it. */
  minFaceSize: z.number().min(0.01).max(0.8),
  projection: NarratorProjectionSchema,
});
export type NarratorSettings = z.infer<typeof NarratorSettingsSchema>;

export const NARRATOR_SETTINGS_DEFAULT: NarratorSettings = {
  enabled: true,
  source: { kind: 'camera', deviceId: null, label: null },
  sampleFps: 4,
  minFaceSize: 0.12,
  projection: { mirror: 'none', rotate: 0, scale: 0.9, blackLevel: 0.04 },
};
