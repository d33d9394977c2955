import { z } from 'zod';

/**
 * The services board's (便民服务) "out of use today" switches: the operator marks a service of the pack
 * (by its id) out of use for the rest of the day ("nursing room being cleaned"). Stored per kiosk as the
 * exhibit setting `services.outOfUse` with the local day it was set on; on any later day it reads as
 * empty, so nobody has to remember to switch a service back on.
 */

const ServiceId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a service id from the content pack');
const LocalDateSchema = z.iso.date();

export const ServicesOutOfUseSchema = z.strictObject({
  /** The kiosk's local day (its time zone) the switches were set on; null: never set. */
  day: LocalDateSchema.nullable(),
  ids: z.array(ServiceId).max(100),
});
export type ServicesOutOfUse = z.infer<typeof ServicesOutOfUseSchema>;
export const SERVICES_OUT_OF_USE_DEFAULT: ServicesOutOfUse = { day: null, ids: [] };

/** What the board shows: the services out of use today. */
export const ServicesStatusSchema = z.strictObject({
  day: LocalDateSchema,
  outOfUse: z.array(ServiceId),
});
export type ServicesStatus = z.infer<typeof ServicesStatusSchema>;

export const SetServiceOutOfUseRequestSchema = z.strictObject({
  serviceId: ServiceId,
  outOfUse: z.boolean(),
});
export type SetServiceOutOfUseRequest = z.infer<typeof SetServiceOutOfUseRequestSchema>;

/** The switches that hold on `today`: those stored on another day have expired. */
export function outOfUseOn(stored: ServicesOutOfUse, today: string): string[] {
  return stored.day === today ? [...stored.ids] : [];
}

/** The stored value after switching `serviceId` on or off on `today` (switches of an earlier day are dropped). */
export function withOutOfUse(stored: ServicesOutOfUse, today: string, req: SetServiceOutOfUseRequest): ServicesOutOfUse {
  const ids = new Set(outOfUseOn(stored, today));
  if (req.outOfUse) ids.add(req.serviceId);
  else ids.delete(req.serviceId);
  return { day: today, ids: [...ids].sort() };
}
