import { z } from 'zod';

/**
 * A guided group's visit, as the guide logs it when a lesson starts: how many people and, optionally, the kind
 * of organisation they come from (an id of the pack's `groups.organisationTypes`). Never a name. Counted as
 * `groups.visits` (one) and `groups.people` (the size) in the hour it was logged, like every other count.
 */
export const MAX_GROUP_SIZE = 500;

export const LogGroupVisitRequestSchema = z.strictObject({
  people: z.number().int().min(1, 'a group has at least one person').max(MAX_GROUP_SIZE, `at most ${MAX_GROUP_SIZE} people in one group`),
  organisationType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'an organisation type id from the content pack')
    .optional(),
});
export type LogGroupVisitRequest = z.infer<typeof LogGroupVisitRequestSchema>;

export const LogGroupVisitResponseSchema = z.strictObject({ recorded: z.literal(true) });
