import type { Router } from 'vue-router';
import { useContentPackStore } from './useContentPackStore';

export const PACK_POLL_MS = 30_000;
/** While the services are still starting, the first load is retried this often. */
export const PACK_BOOT_RETRY_MS = 3_000;

/**
 * "A running kiosk picks up a new pack without restart, at the attract screen, never mid-visit":
 * loads the active pack, asks again every `intervalMs`, and applies a change only while the attract
 * screen shows (at once if it does, else the next time the kiosk gets back to it).
 * Call once after Pinia and the router are installed; returns a function that stops it.
 */
export function startPackUpdates(router: Router, intervalMs = PACK_POLL_MS): () => void {
  const packs = useContentPackStore();
  const atAttract = (): boolean => router.currentRoute.value.name === 'attract';
  let boot: ReturnType<typeof setTimeout> | undefined;
  const firstLoad = async (): Promise<void> => {
    await packs.load();
    if (!packs.loaded) boot = setTimeout(() => void firstLoad(), PACK_BOOT_RETRY_MS);
  };
  void firstLoad();
  const timer = setInterval(() => {
    // atAttract is asked when the answers are in, not now: a visit may start while they are on their way.
    if (packs.loaded) void packs.check(atAttract);
  }, intervalMs);
  const offRoute = router.afterEach((to) => {
    if (to.name === 'attract') packs.applyPending();
  });
  return () => {
    clearTimeout(boot);
    clearInterval(timer);
    offRoute();
  };
}
