import { assetTypeOfPath, withArticle, type AssetType } from './packLimits';

/**
 * Cross-references inside a manifest: which asset paths it uses where, and whether each one is
 * listed in `assets` with the right kind. Written against `unknown` (with guards) so that the
 * validator can report these problems together with the schema's, even when the schema fails.
 */

export type JsonPath = (string | number)[];
export interface AssetReference {
  path: JsonPath;
  asset: string;
  expect: AssetType;
}
export interface ReferenceIssue {
  path: JsonPath;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const LANGS = ['zh-CN', 'en'] as const;

/** The key two paths collide under on a case-insensitive or normalising file system. */
export function collisionKey(path: string): string {
  return path.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** Every asset path the known sections reference, with its JSON path and expected kind. */
export function collectReferences(manifest: unknown): AssetReference[] {
  const out: AssetReference[] = [];
  const add = (value: unknown, path: JsonPath, expect: AssetType): void => {
    if (typeof value === 'string') out.push({ path, asset: value, expect });
  };
  const narration = (n: unknown, base: JsonPath): void => {
    if (!isObj(n)) return;
    for (const lang of LANGS) {
      const track = n[lang];
      if (isObj(track)) add(track.audio, [...base, lang, 'audio'], 'audio');
    }
  };
  if (!isObj(manifest)) return out;
  const attract = manifest.attract;
  if (isObj(attract) && isObj(attract.media)) {
    add(attract.media.path, ['attract', 'media', 'path'], attract.media.kind === 'video' ? 'video' : 'image');
  }
  const history = manifest.history;
  if (isObj(history)) {
    arr(history.stories).forEach((s, i) => {
      if (!isObj(s)) return;
      const base: JsonPath = ['history', 'stories', i];
      add(s.cover, [...base, 'cover'], 'image');
      arr(s.pages).forEach((p, j) => {
        if (isObj(p)) add(p.image, [...base, 'pages', j, 'image'], 'image');
      });
      narration(s.narration, [...base, 'narration']);
    });
    if (isObj(history.panel)) {
      add(history.panel.reference, ['history', 'panel', 'reference'], 'image');
      arr(history.panel.hotspots).forEach((h, k) => {
        if (isObj(h)) narration(h.narration, ['history', 'panel', 'hotspots', k, 'narration']);
      });
    }
  }
  const panorama = manifest.panorama;
  if (isObj(panorama)) {
    add(panorama.routeMap, ['panorama', 'routeMap'], 'image');
    arr(panorama.nodes).forEach((n, i) => {
      if (isObj(n)) add(n.image, ['panorama', 'nodes', i, 'image'], 'image');
    });
    arr(panorama.buildings).forEach((b, i) => {
      if (!isObj(b)) return;
      const base: JsonPath = ['panorama', 'buildings', i];
      add(b.then, [...base, 'then'], 'image');
      add(b.now, [...base, 'now'], 'image');
      narration(b.narration, [...base, 'narration']);
    });
  }
  const postcard = manifest.postcard;
  if (isObj(postcard)) {
    arr(postcard.frames).forEach((f, i) => {
      if (isObj(f)) add(f.overlay, ['postcard', 'frames', i, 'overlay'], 'image');
    });
    arr(postcard.scenes).forEach((sc, i) => {
      if (isObj(sc)) add(sc.picture, ['postcard', 'scenes', i, 'picture'], 'image');
    });
  }
  const smile = manifest.smile;
  if (isObj(smile) && isObj(smile.demoVideos)) {
    add(smile.demoVideos.entry, ['smile', 'demoVideos', 'entry'], 'video');
    add(smile.demoVideos.exit, ['smile', 'demoVideos', 'exit'], 'video');
  }
  const services = manifest.services;
  if (isObj(services)) {
    arr(services.items).forEach((it, i) => {
      if (isObj(it)) add(it.icon, ['services', 'items', i, 'icon'], 'image');
    });
    arr(services.circle).forEach((pt, i) => {
      if (isObj(pt)) add(pt.icon, ['services', 'circle', i, 'icon'], 'image');
    });
  }
  const narrator = manifest.narrator;
  if (isObj(narrator)) {
    arr(narrator.clips).forEach((c, i) => {
      if (!isObj(c)) return;
      add(c.video, ['narrator', 'clips', i, 'video'], 'video');
      narration(c.narration, ['narrator', 'clips', i, 'narration']);
    });
  }
  return out;
}

/** Equirectangular panorama images (must be twice as wide as high), with their JSON paths. */
export function panoramaNodeImages(manifest: unknown): AssetReference[] {
  return collectReferences(manifest).filter((r) => r.path[0] === 'panorama' && r.path[1] === 'nodes');
}

/** Postcard frame overlays (must have the card's aspect ratio, 148:100), with their JSON paths. */
export function postcardFrameOverlays(manifest: unknown): AssetReference[] {
  return collectReferences(manifest).filter((r) => r.path[0] === 'postcard' && r.path[1] === 'frames');
}

/** Paths listed in `assets` (entries that have a string path). */
export function listedAssets(manifest: unknown): { path: string; type: unknown; index: number }[] {
  if (!isObj(manifest)) return [];
  return arr(manifest.assets).flatMap((a, index) =>
    isObj(a) && typeof a.path === 'string' ? [{ path: a.path, type: a.type, index }] : [],
  );
}

/** Every asset path the pack uses (every section is defined now, so its references are all of them). */
export function usedAssetPaths(manifest: unknown): Set<string> {
  return new Set(collectReferences(manifest).map((r) => r.asset));
}

/** Duplicate or colliding asset paths, and references to unlisted assets or assets of the wrong kind. */
export function checkManifestReferences(manifest: unknown): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const byKey = new Map<string, string>();
  const listed = new Map<string, unknown>();
  for (const a of listedAssets(manifest)) {
    const key = collisionKey(a.path);
    const first = byKey.get(key);
    if (first === a.path) issues.push({ path: ['assets', a.index, 'path'], message: `"${a.path}" is listed twice` });
    else if (first !== undefined)
      issues.push({ path: ['assets', a.index, 'path'], message: `"${a.path}" collides with "${first}" on a case-insensitive file system` });
    else byKey.set(key, a.path);
    listed.set(a.path, a.type);
  }
  for (const ref of collectReferences(manifest)) {
    if (!listed.has(ref.asset)) {
      issues.push({ path: ref.path, message: `"${ref.asset}" is not listed in assets` });
      continue;
    }
    const kind = assetTypeOfPath(ref.asset) ?? listed.get(ref.asset);
    if (kind !== ref.expect)
      issues.push({
        path: ref.path,
        message: `"${ref.asset}" must be ${withArticle(ref.expect)} file here, not ${String(kind ?? 'an unknown kind')}`,
      });
  }
  return issues;
}

/** `history.stories[0].pages[1].image`, the same notation as the contract's `issuesOf`. */
export function jsonPathText(path: readonly PropertyKey[]): string {
  if (!path.length) return '(root)';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}
