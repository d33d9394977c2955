import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/**
 * The station and district server's console pages (web/console/ -> dist/console), served by the server itself under
 * /console/ (node/server/console/serveConsoleFiles.ts) with a CSP that allows no inline script or style.
 */
export default defineConfig({
  root: 'web/console',
  base: '/console/',
  publicDir: false,
  plugins: [vue()],
  build: {
    // KIOSK_DIST: another output folder (as for the kiosk's build), so parallel builds do not overwrite each other's.
    outDir: `../../${process.env.KIOSK_DIST ?? 'dist'}/console`,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
});
