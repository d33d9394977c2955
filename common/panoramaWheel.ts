import { z } from 'zod';

/**
 * How the panorama's steering wheel (a USB wheel read through the Gamepad API,
 * https://w3c.github.io/gamepad/) maps onto the exhibit: which axis steers, which buttons or pedals
 * travel and select, inversion, dead zone, sensitivity, smoothing and the drift filter. Wheels
 * differ in axis and button numbering (few report the "standard" mapping), so this is stored per
 * kiosk through the exhibit-config service as the key 'panorama.wheel' (common/exhibitConfig.ts),
 * set on the operator's calibration screen. The renderer's logic: src/exhibits/panorama/input/.
 */

const Index = z.number().int().min(0).max(63);

/** A button, pressed when the browser says so or its analog value reaches 0.5. */
export const ButtonBindingSchema = z.strictObject({ kind: z.literal('button'), index: Index });

/**
 * An axis used as a pedal or trigger: `rest` is its value when let go, `full` when pushed all the
 * way (many wheels report pedals as 1 at rest and -1 pressed); it counts as pressed from `threshold`
 * of the way on.
 */
export const AxisBindingSchema = z
  .strictObject({
    kind: z.literal('axis'),
    index: Index,
    rest: z.number().min(-1).max(1),
    full: z.number().min(-1).max(1),
    threshold: z.number().min(0.05).max(1),
  })
  .refine((a) => Math.abs(a.full - a.rest) >= 0.2, { message: 'full must be at least 0.2 away from rest', path: ['full'] });

export const BindingSchema = z.discriminatedUnion('kind', [ButtonBindingSchema, AxisBindingSchema]);
export type Binding = z.infer<typeof BindingSchema>;

export const WheelMappingSchema = z.strictObject({
  steer: z.strictObject({
    axis: Index.describe('Gamepad axis of the wheel.'),
    invert: z.boolean().describe('True when turning right gives negative values.'),
    centre: z.number().min(-0.5).max(0.5).describe('Axis value of the wheel at rest (calibration), subtracted first.'),
    deadZone: z.number().min(0).max(0.5).describe('Half-width of the band around the centre that does nothing.'),
    maxPanDegPerSec: z.number().min(5).max(720).describe('Sensitivity: pan rate at full lock; the rate follows the angle.'),
    response: z.number().min(1).max(3).describe('1 = pan rate proportional to the angle; larger = finer near the centre.'),
    smoothingMs: z.number().min(0).max(2000).describe('Time constant of the exponential smoothing; 0 = none.'),
  }),
  drift: z.strictObject({
    threshold: z
      .number()
      .min(0.005)
      .max(0.5)
      .describe('The wheel must move more than this (axis units) within the window to count as activity.'),
    windowMs: z
      .number()
      .int()
      .min(50)
      .max(5000)
      .describe(
        'The drift window in milliseconds: only a change larger than the threshold within this time counts (slower wandering is drift).',
      ),
  }),
  forward: BindingSchema.nullable().describe('Travel forward along the route (a pedal or a button); null = none.'),
  back: BindingSchema.nullable().describe('Travel back along the route; null = none.'),
  select: BindingSchema.nullable().describe('Open the building nearest the centre of view; null = none.'),
});
export type WheelMapping = z.infer<typeof WheelMappingSchema>;

/**
 * Until an operator calibrates: axis 0 steers (every wheel we know), paddle shifters 4/5 travel,
 * button 0 selects. A 900° wheel turned 18° moves its axis by 0.04, hence the drift threshold.
 */
export const WHEEL_MAPPING_DEFAULT: WheelMapping = {
  steer: { axis: 0, invert: false, centre: 0, deadZone: 0.05, maxPanDegPerSec: 90, response: 1.5, smoothingMs: 120 },
  drift: { threshold: 0.04, windowMs: 500 },
  forward: { kind: 'button', index: 5 },
  back: { kind: 'button', index: 4 },
  select: { kind: 'button', index: 0 },
};
