import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the demo pack shipped with the app is, and which folder a designer previews:
 *   KIOSK_DEMO_PACK_DIR   the demo pack folder (installers, packaged Electron: process.resourcesPath)
 *   KIOSK_PACK_OVERRIDE   a pack folder served as the active pack without installing it (`npm run pack -- preview`)
 * Without KIOSK_DEMO_PACK_DIR, `resources/demo-pack` is looked for above this file: two levels up
 * from the bundles in dist/electron and dist/node, three from node/kiosk/packs in development.
 */
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

export function defaultDemoPackDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.KIOSK_DEMO_PACK_DIR?.trim();
  if (fromEnv) return resolve(fromEnv);
  for (const up of [
    ['..', '..'],
    ['..', '..', '..'],
  ]) {
    const dir = join(here, ...up, 'resources', 'demo-pack');
    if (existsSync(join(dir, 'manifest.json'))) return dir;
  }
  return null;
}

export function packOverrideDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env.KIOSK_PACK_OVERRIDE?.trim();
  return dir ? resolve(dir) : null;
}
