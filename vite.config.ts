import { configDefaults, defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { smileAssets } from './scripts/vite/smileAssets';

/**
 * One config for the renderer build (src/ -> dist/renderer) and for Vitest, split into projects by
 * runtime: `unit` runs under Node (services, main-process wiring against the electron mock, common/),
 * `component` runs Vue components in happy-dom. End-to-end tests run in Chromium through Playwright.
 */
export default defineConfig({
  root: 'src',
  base: './',
  publicDir: '../public',
  // smileAssets: face-api's three models and tfjs's wasm binaries for the smile meter's worker, served locally.
  plugins: [vue(), smileAssets()],
  // The smile meter's camera worker is a module worker (it imports face-api's ESM build and code-splits).
  worker: { format: 'es' },
  build: {
    // KIOSK_DIST: another output folder (e.g. dist-a) so that parallel builds do not overwrite each other's.
    outDir: `../${process.env.KIOSK_DIST ?? 'dist'}/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    // The CSP forbids inline scripts and styles; keep Vite from inlining the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          root: '.',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/unit/node/server/**'],
          testTimeout: 20_000,
        },
      },
      {
        // The station and district server: every suite on PGlite and on a throwaway PostgreSQL (globalSetup).
        extends: true,
        test: {
          name: 'server',
          root: '.',
          environment: 'node',
          include: ['tests/unit/node/server/**/*.test.ts'],
          globalSetup: ['tests/unit/node/server/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          root: '.',
          environment: 'happy-dom',
          // The smile core's tests still sit next to it until the core moves out of src/ (to common/).
          include: ['tests/component/**/*.test.ts'],
        },
      },
    ],
  },
});
