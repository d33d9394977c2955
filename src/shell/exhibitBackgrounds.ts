import { watch } from 'vue';
import type { ExhibitId } from '../../common/exhibits';
import { EXHIBITS } from '../exhibits/registry';
import { useKioskStore } from '../stores/useKioskStore';

/**
 * Runs each exhibit's `background` work (ExhibitDescriptor.background, e.g. the smile meter's cameras) while this
 * kiosk's profile includes the exhibit: started as soon as the services say which exhibits this kiosk runs, stopped
 * when the profile drops it. Call once after Pinia is installed; returns a function that stops everything.
 */
export function startExhibitBackgrounds(): () => void {
  const kiosk = useKioskStore();
  const running = new Map<ExhibitId, Promise<{ stop(): void } | null>>();
  const stopOne = (id: ExhibitId) => {
    const handle = running.get(id);
    running.delete(id);
    void handle?.then((h) => h?.stop());
  };
  const offWatch = watch(
    () => kiosk.exhibits,
    (profile) => {
      for (const exhibit of EXHIBITS) {
        if (!exhibit.background) continue;
        const wanted = profile.includes(exhibit.id);
        if (wanted && !running.has(exhibit.id)) {
          running.set(
            exhibit.id,
            exhibit.background().catch((error: unknown) => {
              console.warn(`background work of exhibit ${exhibit.id} did not start: ${(error as Error).message}`);
              return null;
            }),
          );
        } else if (!wanted && running.has(exhibit.id)) stopOne(exhibit.id);
      }
    },
    { immediate: true },
  );
  return () => {
    offWatch();
    for (const id of [...running.keys()]) stopOne(id);
  };
}
