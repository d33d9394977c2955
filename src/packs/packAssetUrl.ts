/**
 * URL of a file of the active pack. Relative to the page on purpose: the web host serves the
 * active pack at `/pack/<path>` next to the renderer, and in Electron the app protocol serves the
 * same path next to index.html, so one relative URL works in both. The `v` query (ignored by both
 * servers) is the pack's id@version, so that a new pack with a file at the same path is never
 * shown from the browser's cache.
 */
export function packAssetUrl(path: string, packKey?: string | null): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return packKey ? `pack/${encoded}?v=${encodeURIComponent(packKey)}` : `pack/${encoded}`;
}
