import { useContentPackStore } from '../packs/useContentPackStore';

/** The URL of a pack file of the active pack, for <img src>. */
export function usePackAssets(): (path: string) => string {
  const packs = useContentPackStore();
  return (path) => packs.assetUrl(path);
}
