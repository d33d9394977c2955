// Bundles everything that runs under Node or Electron with esbuild (https://esbuild.github.io/api/#build).
// The renderer is built by Vite; this script builds the main process, the preload and the web host.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// Modules that must also run unbundled under tsx (CLIs, tests) find their folder with
// `typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url))`; in the CJS bundle the
// first branch wins, so esbuild's warning about the empty `import.meta` in the other branch is silenced.
const common = {
  bundle: true,
  sourcemap: true,
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  logOverride: { 'empty-import-meta': 'silent' },
};
const nodeExternals = ['electron', 'better-sqlite3'];
// KIOSK_DIST: build into another folder at the repository root (same depth as dist/, so paths relative to the bundle still work).
const out = process.env.KIOSK_DIST ?? 'dist';

const entries = [
  // Electron main: CommonJS, Electron and the native module stay external.
  {
    entryPoints: ['electron/main/index.ts'],
    outfile: `${out}/electron/main.cjs`,
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
  // Preload: sandboxed preloads may only require('electron'), so everything else is bundled in.
  // https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts
  {
    entryPoints: ['electron/preload/index.ts'],
    outfile: `${out}/electron/preload.cjs`,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
  },
  // The web host (deployment mode and test host).
  {
    entryPoints: ['node/kiosk/webhost/main.ts'],
    outfile: `${out}/node/webhost.cjs`,
    platform: 'node',
    format: 'cjs',
    external: nodeExternals,
  },
];

for (const extra of ['node/kiosk/cli/main.ts']) {
  if (existsSync(extra))
    entries.push({
      entryPoints: [extra],
      outfile: `${out}/node/${extra.split('/').at(-2)}.cjs`,
      platform: 'node',
      format: 'cjs',
      external: nodeExternals,
    });
}

await Promise.all(entries.map((e) => build({ ...common, ...e })));
