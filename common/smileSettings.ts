import { z } from 'zod';

/**
 * Per-kiosk settings of the smile meter (微笑滨江): which cameras count, how the counting
 * pipeline runs, and the smile threshold. Stored through the exhibit-config service as the key
 * 'smile' (common/exhibitConfig.ts). Only the camera worker reads frames; these settings hold no
 * image, only how to find and use the cameras.
 */

/** A rectangle as fractions (0..1) of the frame; faces whose centre lies outside are ignored. */
export const RoiSchema = z
  .strictObject({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().min(0.05).max(1),
    height: z.number().min(0.05).max(1),
  })
  .refine((r) => r.x + r.width <= 1.0001 && r.y + r.height <= 1.0001, 'the region must lie inside the frame');
export type Roi = z.infer<typeof RoiSchema>;

/** Direction a counted visitor must move in the picture; `any`: no direction check. */
export const TravelDirectionSettingSchema = z.enum(['any', 'left-to-right', 'right-to-left', 'top-to-bottom', 'bottom-to-top']);
export type TravelDirectionSetting = z.infer<typeof TravelDirectionSettingSchema>;

/** Where a camera role's frames come from. */
export const SmileSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('camera'),
    /** MediaDeviceInfo.deviceId; null: the first camera not used by the other role. */
    deviceId: z.string().max(500).nullable(),
    /** MediaDeviceInfo.label when chosen: found again by label when the id changes (USB re-plug, new browser profile). */
    label: z.string().max(500).nullable(),
  }),
  z.strictObject({
    kind: z.literal('video'),
    /** A video file for demos and tests, as a path inside the active pack (`smile/demo-entry.webm`) or an app-relative URL. */
    url: z.string().min(1).max(500),
  }),
]);
export type SmileSource = z.infer<typeof SmileSourceSchema>;

export const SmileCameraSchema = z.strictObject({
  enabled: z.boolean(),
  source: SmileSourceSchema,
  roi: RoiSchema.nullable(),
  direction: TravelDirectionSettingSchema,
  /** Faces whose shorter side is below this fraction of the frame height are ignored (too far away). */
  minFaceSize: z.number().min(0.01).max(0.8),
});
export type SmileCamera = z.infer<typeof SmileCameraSchema>;

export const DETECTOR_INPUT_SIZES = [128, 160, 224, 320, 416, 512, 608] as const;

export const SmileSettingsSchema = z.strictObject({
  /** Off: no camera is opened and nothing is counted; the big screen says the meter is off. */
  enabled: z.boolean(),
  /** Frames sampled per second per camera (one inference in flight at a time; a slow machine samples less). */
  sampleFps: z.number().min(1).max(30),
  /**
   * TinyFaceDetector input size (multiple of 32): larger finds smaller faces, costs more. It is the largest
   * size the meter may use (its frame-rate budget): it uses the smallest size from 224 up that lets it count each
   * camera's `minFaceSize` in its region (common/smile/detectionWindow.ts).
   */
  detectorInputSize: z
    .number()
    .int()
    .refine((n) => (DETECTOR_INPUT_SIZES as readonly number[]).includes(n), `one of ${DETECTOR_INPUT_SIZES.join(', ')}`),
  /**
   * A track's aggregated smile score at or above this counts as smiling (the model's own threshold balances its
   * sensitivity and specificity; see the README).
   */
  threshold: z.number().min(0).max(1),
  /** A track is counted once it has been seen in this many frames. */
  minTrackFrames: z.number().int().min(1).max(100),
  cameras: z.strictObject({ entry: SmileCameraSchema, exit: SmileCameraSchema }),
});
export type SmileSettings = z.infer<typeof SmileSettingsSchema>;

const defaultCamera: SmileCamera = {
  enabled: true,
  source: { kind: 'camera', deviceId: null, label: null },
  roi: null,
  direction: 'any',
  minFaceSize: 0.04,
};

export const SMILE_SETTINGS_DEFAULT: SmileSettings = {
  enabled: true,
  sampleFps: 15,
  detectorInputSize: 224,
  // The logistic smile model's threshold (common/smile/smileModel.json): fixed at 0.5 before training, with the
  // classes weighed equally in the fit, so 0.5 balances sensitivity and specificity (README, smile meter).
  threshold: 0.5,
  minTrackFrames: 5,
  cameras: { entry: defaultCamera, exit: { ...defaultCamera } },
};
