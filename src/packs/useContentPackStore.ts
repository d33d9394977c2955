import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ExhibitId } from '../../common/exhibits';
import { availableExhibits } from './availableExhibits';
import { fetchActivePack, fetchPackRevision, packKeyOf, type ActivePack } from './packApi';
import { packAssetUrl } from './packAssetUrl';

export type CheckResult = 'unchanged' | 'applied' | 'pending';

/**
 * The content pack the screens draw from. A newer pack found while a visitor is mid-visit is held
 * in `pending` and only applied at the attract screen (src/packs/packUpdates.ts decides when), so a
 * story never changes under a visitor's finger.
 */
export const useContentPackStore = defineStore('contentPack', () => {
  const active = shallowRef<ActivePack | null>(null);
  /** A different pack the services report, not yet applied; `undefined`: nothing pending. */
  const pending = shallowRef<ActivePack | null | undefined>(undefined);
  /** The services' pack revision of what is applied or pending. */
  let seenRevision = -1;
  let seenKey: string | null = null;
  const loaded = ref(false);
  const loadError = ref<string | null>(null);

  const manifest = computed(() => active.value?.manifest ?? null);
  const key = computed(() => packKeyOf(active.value));

  async function load(): Promise<void> {
    try {
      const { pack, revision } = await fetchActivePack();
      active.value = pack;
      pending.value = undefined;
      seenRevision = revision;
      seenKey = packKeyOf(pack);
      loaded.value = true;
      loadError.value = null;
    } catch (err) {
      loadError.value = (err as Error).message;
    }
  }

  /**
   * Asks the services whether the active pack changed; applies a change now only when `canApply`. A function,
   * asked once the answers are in: the visitor may have left the attract screen while they were on their way.
   */
  async function check(canApply: boolean | (() => boolean)): Promise<CheckResult> {
    try {
      if (!loaded.value) {
        await load();
        return loaded.value ? 'applied' : 'unchanged';
      }
      const rev = await fetchPackRevision();
      if (rev.revision !== seenRevision || rev.key !== seenKey) {
        const { pack, revision } = await fetchActivePack();
        seenRevision = revision;
        seenKey = packKeyOf(pack);
        pending.value = packKeyOf(pack) === key.value && pack?.revision === active.value?.revision ? undefined : pack;
      }
      loadError.value = null;
    } catch (err) {
      loadError.value = (err as Error).message;
      return 'unchanged';
    }
    if (pending.value === undefined) return 'unchanged';
    if (!(typeof canApply === 'function' ? canApply() : canApply)) return 'pending';
    applyPending();
    return 'applied';
  }

  /** Swaps in the pending pack, if any. Returns whether something changed. */
  function applyPending(): boolean {
    if (pending.value === undefined) return false;
    active.value = pending.value;
    pending.value = undefined;
    return true;
  }

  function assetUrl(path: string): string {
    return packAssetUrl(path, key.value);
  }

  function available(profile: readonly ExhibitId[]): ExhibitId[] {
    return availableExhibits(manifest.value, profile);
  }

  return { active, pending, loaded, loadError, manifest, key, load, check, applyPending, assetUrl, available };
});
