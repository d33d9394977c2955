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
  'exhibit.narrator.opened': 'The holographic narrator was opened from the home menu.',
  // The red-history exhibit.
  'history.story_opened': 'A story of the red-history exhibit was opened.',
  'history.page_viewed': 'A page of a red-history story was shown.',
  'history.narration_started': 'A red-history narration started playing.',
  'history.narration_completed': 'A red-history narration played to its end.',
  'history.hotspot_touched': 'A hotspot of the transparent red-history panel was touched.',
  // The panorama exhibit: sessions at the wheel, distance travelled, buildings opened.
  'panorama.session_started': 'A visitor started using the panorama (first real wheel, touch or key input after it was idle or touring).',
  'panorama.metres_travelled':
    'Metres travelled along the panorama route by visitors (the amount is the distance; the attract tour is not counted).',
  'panorama.building_opened': "A building's past and present was opened in the panorama.",
  // The smile meter's camera counts (the dashboard's visitors and smile ratios): people passing the entry and exit cameras, and how many of
  // them smiled.
  'smile.entry.visitors': 'A person was counted passing the entry camera of the smile meter.',
  'smile.entry.smiling': 'A person counted at the entry camera was smiling.',
  'smile.exit.visitors': 'A person was counted passing the exit camera of the smile meter.',
  'smile.exit.smiling': 'A person counted at the exit camera was smiling.',
  // The postcard exhibit: counts only, never the card, the photo or its link.
  'postcard.made': 'A postcard was finished and saved on the kiosk for take-away or printing.',
  'postcard.printed': "A visitor's postcard came out of the printer.",
  'postcard.picked_up': "A phone downloaded a postcard's image for the first time through its QR link.",
  // The services board (便民服务).
  'services.board_opened': 'The station services board was opened from the attract screen or the home menu.',
  'services.circle_opened': 'The 15-minute service circle page was opened from the services board.',
  // Guided group visits: one per group a guide logged, and the group's size.
  'groups.visits': 'A guided group visit was logged by its guide.',
  'groups.people': 'People in guided groups (the amount is the group size the guide entered).',
  // The holographic narrator: clips only, never who watched them.
  'narrator.clip_started': 'The holographic narrator started a clip for a visitor in front of it (attract clips are not counted).',
  'narrator.clip_completed': 'A narrator clip for a visitor played to its end (the visitor stayed).',
} as const;

export type MetricName = keyof typeof METRICS;
export const MetricNameSchema = z.enum(Object.keys(METRICS) as [MetricName, ...MetricName[]]);
