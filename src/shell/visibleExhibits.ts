import type { ExhibitId } from '../../common/exhibits';
import { useContentPackStore } from '../packs/useContentPackStore';
import { useKioskStore } from '../stores/kiosk';

/**
 * The exhibits a visitor can open: this kiosk's profile (in its order), less those the active content
 * pack leaves out. Until the pack has loaded, the profile alone (the pack store retries until the
 * services answer, and the home menu must not flash empty).
 */
export function visibleExhibits(): ExhibitId[] {
  const kiosk = useKioskStore();
  const packs = useContentPackStore();
  return packs.loaded ? packs.available(kiosk.exhibits) : kiosk.exhibits;
}
