import { z } from 'zod';

/** The exhibits of the station. A kiosk's profile picks one or more of them. */
export const EXHIBIT_IDS = ['history', 'panorama', 'postcard', 'smile', 'narrator'] as const;
export const ExhibitIdSchema = z.enum(EXHIBIT_IDS);
export type ExhibitId = z.infer<typeof ExhibitIdSchema>;
