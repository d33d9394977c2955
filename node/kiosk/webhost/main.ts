import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../dataDir';
import { createCupsPrinter } from '../postcards/cupsPrinter';
import { createPdfPrinter } from '../postcards/pdfPrinter';
import { takeawayOverridesFromEnv } from '../postcards/takeawayEnv';
import { createServices } from '../services';
import { serveLaunchUrls } from './launchChannel';
import { startWebHost } from './startWebHost';

/**
 * Entry of the web host deployment mode (`node dist/node/webhost.cjs`): the same services as the
 * Electron main process, the built renderer and the contract over loopback HTTP. Prints one JSON
 * line with a launch URL on stdout for the launcher (scripts/start.mjs) and for the tests; that URL carries a
 * single-use launch nonce, never the secret (common/webHostSession.ts). A launcher that spawned it with an IPC
 * channel asks for a fresh one per browser start (launchChannel.ts).
 *
 * Environment: KIOSK_DATA_DIR, KIOSK_WEB_PORT (default 0: any free port), KIOSK_WEB_HOST
 * (default 127.0.0.1; loopback only),
 * KIOSK_RENDERER_DIR (default: dist/renderer next to this file), KIOSK_TAKEAWAY_HOST / KIOSK_TAKEAWAY_PORT
 * (the postcard take-away server's address instead of the operator's settings; see takeawayEnv.ts).
 */
const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

function appVersion(): string {
  for (const p of [join(here, '..', '..', 'package.json'), join(here, '..', '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
    } catch {
      /* try the next location */
    }
  }
  return '0.0.0';
}

async function main(): Promise<void> {
  const takeawayOverrides = takeawayOverridesFromEnv();
  const services = createServices({ dataDir: resolveDataDir(), appVersion: appVersion(), runtime: 'web' });
  // Every print is a PDF of the page size in <dataDir>/postcards/print/; with a printer named, CUPS prints it (cupsPrinter.ts).
  services.postcards.setPrinter(createCupsPrinter({ pdf: createPdfPrinter(services.postcards.store, services.now) }));
  const staticDir = resolve(process.env.KIOSK_RENDERER_DIR ?? join(here, '..', 'renderer'));
  const host = await startWebHost({
    dispatcher: services.dispatcher,
    staticDir,
    log: services.log,
    host: process.env.KIOSK_WEB_HOST ?? '127.0.0.1',
    port: Number(process.env.KIOSK_WEB_PORT ?? 0),
    packDir: () => services.packs.activeDir(),
  });
  // Uploads only when an operator enabled it with a URL and a token.
  services.uploader.start();
  // The postcard take-away server on the station Wi-Fi. A failure (no such interface, port
  // in use) is logged and shown on the operator screen; the kiosk and printing carry on without it.
  await services.postcards.startTakeaway(takeawayOverrides).catch(() => null);
  const takeaway = services.postcards.takeawayStatus();
  serveLaunchUrls(process, () => host.issueLaunchUrl());
  process.stdout.write(
    `${JSON.stringify({ event: 'webhost.listening', url: host.url, launchUrl: host.issueLaunchUrl(), dataDir: services.paths.root, takeaway })}\n`,
  );
  const stop = (): void => {
    void Promise.all([host.close(), services.postcards.stopTakeaway()]).finally(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`web host failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
