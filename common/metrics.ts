import { z } from 'zod';

/**
 * Every anonymous usage metric the kiosk may record. A metric is a count per hour, never a row per
 * visitor. The renderer can only record names from this list (the contract's schema is built from
 * it), so nothing free-form reaches storage or the upload.
 */
export const METRICS = {
  'session.started': 'A visitor touched the attract screen and reached the home menu.',
  'session.idle_reset': 'A visit ended by the idle timeout and the kiosk returned to the attract screen.',
  'language.switched': 'The language was switched.',
  'exhibit.history.opened': 'The red-history exhibit was opened from the home menu.',
  'exhibit.panorama.opened': 'The panorama exhibit was opened from the home menu.',
  'exhibit.postcard.opened': 'The postcard exhibit was opened from the home menu.',
  'exhibit.smile.opened': 'The smile meter screen was opened from the home menu.',
} as const;

export type MetricName = keyof typeof METRICS;
export const MetricNameSchema = z.enum(Object.keys(METRICS) as [MetricName, ...MetricName[]]);
