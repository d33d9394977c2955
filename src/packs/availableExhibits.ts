import { EXHIBIT_IDS, type ExhibitId } from '../../common/exhibits';
import type { Manifest } from '../../common/pack/manifest';

/**
 * The exhibits the active pack has content for: every visitor-facing word and picture comes from
 * the pack, so an exhibit the pack leaves out is hidden from the home menu. `profile` (the kiosk's
 * own list, in its order) is filtered, never reordered. No pack at all: nothing to show.
 */
export function availableExhibits(
  manifest: Pick<Manifest, ExhibitId> | null | undefined,
  profile: readonly ExhibitId[] = EXHIBIT_IDS,
): ExhibitId[] {
  if (!manifest) return [];
  return profile.filter((id) => manifest[id] !== undefined);
}
