import type { ExhibitId } from '../../common/exhibits';
import { exhibitById } from '../exhibits/registry';
import { useContentPackStore } from '../packs/useContentPackStore';
import { useKioskStore } from '../stores/useKioskStore';

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

/**
 * The exhibit this kiosk shows all the time instead of the attract screen, or null: a passive display (the smile
 * meter's big screen) that is the only exhibit a visitor could open here.
 */
export function displayExhibit(): ExhibitId | null {
  const visible = visibleExhibits();
  const only = visible.length === 1 ? visible[0]! : null;
  return only && exhibitById(only)?.passiveDisplay ? only : null;
}
