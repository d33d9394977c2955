import type { KioskClient } from './kioskClient';

/**
 * The one typed client the renderer's stores use. main.ts installs the real one (preload bridge or
 * web host); component tests install a fake built on the same `createKioskClient` with their own transport.
 */
let current: KioskClient | null = null;

export function installKioskClient(client: KioskClient): void {
  current = client;
}

export function kioskClient(): KioskClient {
  if (!current) throw new Error('the kiosk client is not installed (call installKioskClient first)');
  return current;
}
