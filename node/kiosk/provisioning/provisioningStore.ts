import type { Db } from '../db/openDatabase';

/**
 * How long after a kiosk's first start an unprovisioned kiosk still lets someone at the screen set
 * the operator PIN. After that (or once provisioned) only `kioskctl provision` sets it, so a kiosk
 * left unconfigured in the public room cannot be claimed by the next passer-by.
 */
export const FIRST_RUN_WINDOW_MS = 30 * 60_000;

export interface ProvisioningRecord {
  provisionedAt: number;
  kioskName: string;
  serverPublicKey: string | null;
}

export interface ProvisioningStore {
  firstStartAt(): number;
  /** Null until the kiosk is provisioned. */
  get(): ProvisioningRecord | null;
  /** Synchronous, to run inside the provisioning transaction. */
  record(r: ProvisioningRecord): void;
  /** Whether the on-screen first-run PIN may be set now (the caller adds "no PIN yet"). */
  firstRunOpen(): boolean;
}

interface Row {
  first_start_at: number;
  provisioned_at: number | null;
  kiosk_name: string | null;
  server_public_key: string | null;
}

/** Records the first start (once, at the first services creation) and what provisioning applied. */
export function createProvisioningStore(db: Db, now: () => number): ProvisioningStore {
  db.prepare('INSERT INTO kiosk_provisioning (id, first_start_at) VALUES (1, ?) ON CONFLICT(id) DO NOTHING').run(now());
  const row = (): Row => db.prepare('SELECT * FROM kiosk_provisioning WHERE id = 1').get() as Row;
  return {
    firstStartAt: () => row().first_start_at,
    get() {
      const r = row();
      return r.provisioned_at === null
        ? null
        : { provisionedAt: r.provisioned_at, kioskName: r.kiosk_name ?? '', serverPublicKey: r.server_public_key };
    },
    record(r) {
      db.prepare('UPDATE kiosk_provisioning SET provisioned_at = ?, kiosk_name = ?, server_public_key = ? WHERE id = 1').run(
        r.provisionedAt,
        r.kioskName,
        r.serverPublicKey,
      );
    },
    firstRunOpen() {
      const r = row();
      const t = now();
      // A clock that went back before the first start is not trusted to be inside the window.
      return r.provisioned_at === null && t >= r.first_start_at && t - r.first_start_at < FIRST_RUN_WINDOW_MS;
    },
  };
}
