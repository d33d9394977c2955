import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../node/kiosk/logger';
import { createElectronPrinter } from '../../../node/kiosk/postcards/electronPrinter';
import type { PostcardService } from '../../../node/kiosk/postcards/postcardService';
import { openPrintWindow } from './printWindow';

/**
 * Makes the postcard print queue print silently through Chromium to the configured printer
 * (instead of the services' default PDF files). The print page is served from memory; `.print-*`
 * folders are page files that earlier kiosk versions left behind when a crash cut a print short,
 * and they hold a visitor's card: they are removed first.
 */
export function installPrinting(postcards: PostcardService, log: Logger): void {
  const root = postcards.store.printDir;
  try {
    for (const name of readdirSync(root)) if (name.startsWith('.print-')) rmSync(join(root, name), { recursive: true, force: true });
  } catch (err) {
    log.warn('printing.cleanup_failed', { error: (err as Error).message });
  }
  postcards.setPrinter(createElectronPrinter(() => openPrintWindow()));
}
