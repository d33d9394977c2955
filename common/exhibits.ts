import { z } from 'zod';

/** The exhibits of the station. A kiosk's profile picks one or more of them. */
export const EXHIBIT_IDS = ['history', 'panorama', 'postcard', 'smile', 'narrator'] as const;
export const ExhibitIdSchema = z.enum(EXHIBIT_IDS);
export type ExhibitId = z.infer<typeof ExhibitIdSchema>;

/**
 * What a fresh kiosk shows until its profile says otherwise. The holographic narrator is left out: it needs its own
 * installation (a projection film or glass and a camera in front of it), so a profile lists it on purpose.
 */
export const DEFAULT_EXHIBITS: readonly ExhibitId[] = EXHIBIT_IDS.filter((id) => id !== 'narrator');
