import { z } from 'zod';

/** The four exhibits of the station. A kiosk's profile picks one or more of them. */
export const EXHIBIT_IDS = ['history', 'panorama', 'postcard', 'smile'] as const;
export const ExhibitIdSchema = z.enum(EXHIBIT_IDS);
export type ExhibitId = z.infer<typeof ExhibitIdSchema>;
