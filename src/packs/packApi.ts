import type { ActivePack as ActivePackResponse } from '../../common/pack/packContract';
import type { Manifest } from '../../common/pack/manifest';
import { kioskClient } from '../api/client';

/** The active pack as the renderer uses it (null manifest: no pack, every exhibit hidden). */
export interface ActivePack {
  /** `id@version~stamp`, `builtin` or `preview` (see common/pack/packContract.ts). */
  key: string;
  /** The services' counter of pack changes. */
  revision: number;
  id: string;
  version: string;
  manifest: Manifest;
}

/** From the `getActivePack` answer; null when no pack is available. */
export function toActivePack(
  res: Pick<ActivePackResponse, 'manifest'> & Partial<Pick<ActivePackResponse, 'key' | 'revision'>>,
): ActivePack | null {
  const manifest = res.manifest;
  if (!manifest) return null;
  return {
    key: res.key ?? `${manifest.id}@${manifest.version}`,
    revision: res.revision ?? 0,
    id: manifest.id,
    version: manifest.version,
    manifest,
  };
}

export const packKeyOf = (p: ActivePack | null): string | null => p?.key ?? null;

export async function fetchActivePack(): Promise<{ pack: ActivePack | null; revision: number }> {
  const res = await kioskClient().getActivePack({});
  return { pack: toActivePack(res), revision: res.revision };
}

/** The cheap question asked every 30 s: has the active pack changed? */
export async function fetchPackRevision(): Promise<{ revision: number; key: string | null }> {
  return kioskClient().getPackRevision({});
}
