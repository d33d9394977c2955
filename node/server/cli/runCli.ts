import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXHIBIT_IDS } from '../../../common/exhibits';
import { PinHashSchema, PROVISIONING_FORMAT, ProvisioningSchema, type Provisioning } from '../../../common/provisioning';
import { configFromEnv, type ServerConfig } from '../config';
import type { Db } from '../db/Db';
import { openDb } from '../db/openDb';
import { startServer, type RunningServer } from '../http/startServer';
import { createStderrLog } from '../log';
import { importSqlite } from '../store/importSqlite';
import { totals } from '../store/reads';
import { addKiosk, addStation, issueToken, revokeTokens } from '../store/registry';
import { serverPublicKey } from '../store/serverKeys';
import { addUser } from '../store/users';
import { randomInt } from 'node:crypto';
import { ROLLOUT_USAGE, runRolloutCommand } from './rolloutCommands';
import { UsageError } from './usageError';
import { alertSettingsFromEnv } from '../alerts/alertSettings';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of stdin (a password). */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Tests pass their database; otherwise it is opened from the configuration. */
  db?: Db;
  /** `serve` reports its running server here (tests stop it); the command line waits for a signal instead. */
  onServing?(server: RunningServer): void;
}

export const USAGE = `npm run server -- <command>
  serve [--host 127.0.0.1] [--port 8787]            serve the kiosk API (the default command)
  station add <id> --name <name> [--time-zone Asia/Shanghai]
  kiosk add <id> --station <id> --name <name> [--profile history,smile] [--pin-hash-from <file> | --one-time-pin]
            [--public-url https://…] [--out <file>]  prints the kiosk's provisioning file (JSON)
  token revoke <kiosk>                              revokes every token of that kiosk
  user add <name> --role district|station [--station <id>]   password from stdin
  import-sqlite <receiver.db>                       imports the old reference receiver's buckets and heartbeats
  totals [--station <id>] [--kiosk <id>] [--from ISO] [--to ISO]
${ROLLOUT_USAGE}
Environment: DATABASE_URL (PostgreSQL; unset: PGlite in SERVER_DATA_DIR, default ./server-data), SERVER_HOST,
SERVER_PORT, SERVER_PUBLIC_URL; alerts: ALERT_INTERVAL_SECONDS (60; 0 = off), ALERT_HEARTBEAT_SECONDS (300),
ALERT_WEBHOOK_URL, ALERT_SMTP_HOST/PORT/SECURE/USER/PASSWORD, ALERT_EMAIL_FROM, ALERT_EMAIL_TO (see the README).`;

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The server's command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { values: f, positionals: p } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      station: { type: 'string' },
      kiosk: { type: 'string' },
      'time-zone': { type: 'string' },
      profile: { type: 'string' },
      'pin-hash-from': { type: 'string' },
      'one-time-pin': { type: 'boolean' },
      'public-url': { type: 'string' },
      out: { type: 'string' },
      role: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean' },
      stations: { type: 'string' },
      kiosks: { type: 'string' },
      'wave-size': { type: 'string' },
      'advance-share': { type: 'string' },
      'stop-failed-share': { type: 'string' },
      'expires-in-days': { type: 'string' },
    },
  });
  if (f.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const config: ServerConfig = configFromEnv(io.env);
  const db = io.db ?? (await openDb(config));
  const need = (v: string | undefined, what: string): string => {
    if (!v) throw new UsageError(`${what} is required`);
    return v;
  };
  try {
    const cmd = p.slice(0, p[0] === 'serve' || p[0] === 'import-sqlite' || p[0] === 'totals' ? 1 : 2).join(' ') || 'serve';
    switch (cmd) {
      case 'serve': {
        const port = f.port ? Number(f.port) : config.port;
        const server = await startServer({
          db,
          host: f.host ?? config.host,
          port,
          dataDir: config.dataDir,
          alerts: { settings: alertSettingsFromEnv(io.env) },
          log: createStderrLog((l) => io.err(l)),
        });
        io.out(`${JSON.stringify({ event: 'server.listening', url: server.url, db: db.kind })}\n`);
        if (io.onServing) {
          io.onServing(server);
          return 0;
        }
        await new Promise<void>((resolve) => {
          const stop = (): void => void server.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }
      case 'station add':
        await addStation(db, { id: need(p[2], 'a station id'), name: need(f.name, '--name'), timeZone: f['time-zone'] });
        io.out(json({ station: p[2] }));
        return 0;
      case 'kiosk add': {
        const file = await addKioskWithProvisioning(db, {
          kioskId: need(p[2], 'a kiosk id'),
          stationId: need(f.station, '--station'),
          name: need(f.name, '--name'),
          profile: f.profile ? f.profile.split(',').map((s) => s.trim()) : null,
          pinHashFile: f['pin-hash-from'] ?? null,
          oneTimePin: f['one-time-pin'] ?? false,
          publicUrl: f['public-url'] ?? config.publicUrl,
        });
        if (f.out) {
          // The file holds the kiosk's token: only its owner may read it.
          writeFileSync(f.out, json(file), { mode: 0o600, flag: 'wx' });
          io.out(json({ kiosk: file.kioskId, provisioningFile: f.out }));
        } else {
          io.out(json(file));
        }
        return 0;
      }
      case 'token revoke':
        io.out(json({ kiosk: p[2], revoked: await revokeTokens(db, need(p[2], 'a kiosk id')) }));
        return 0;
      case 'user add': {
        const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
        const role = need(f.role, '--role') as 'district' | 'station';
        await addUser(db, { name: need(p[2], 'a user name'), role, stationId: f.station ?? null }, password);
        io.out(json({ user: p[2], role }));
        return 0;
      }
      case 'import-sqlite':
        io.out(json(await importSqlite(db, need(p[1], 'the receiver database file'))));
        return 0;
      case 'totals':
        io.out(json({ totals: await totals(db, { stationId: f.station, kioskId: f.kiosk, from: f.from, to: f.to }) }));
        return 0;
      default:
        if (p[0] === 'pack' || p[0] === 'rollout') {
          io.out(json(await runRolloutCommand(db, config.dataDir, cmd, p.slice(2), f)));
          return 0;
        }
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (err) {
    const e = err as Error & { issues?: { path: PropertyKey[]; message: string }[] };
    const detail = e.issues ? e.issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ') : e.message;
    io.err(`server: ${detail}${err instanceof UsageError ? `\n\n${USAGE}` : ''}\n`);
    return err instanceof UsageError ? 64 : 1;
  } finally {
    if (!io.db && !io.onServing) await db.close();
  }
}

/** Registers a kiosk and builds its provisioning file (common/provisioning.ts) with a fresh token bound to it. */
export async function addKioskWithProvisioning(
  db: Db,
  o: {
    kioskId: string;
    stationId: string;
    name: string;
    profile: string[] | null;
    pinHashFile: string | null;
    oneTimePin: boolean;
    publicUrl: string | null;
  },
): Promise<Provisioning> {
  if (o.pinHashFile && o.oneTimePin) throw new UsageError('give either --pin-hash-from or --one-time-pin');
  if (!o.pinHashFile && !o.oneTimePin) throw new UsageError('the kiosk needs an operator PIN: --pin-hash-from <file> or --one-time-pin');
  if (!o.publicUrl) throw new UsageError('the upload URL is needed: --public-url or SERVER_PUBLIC_URL');
  const unknown = (o.profile ?? []).filter((x) => !(EXHIBIT_IDS as readonly string[]).includes(x));
  if (unknown.length > 0) throw new UsageError(`unknown exhibit(s) in --profile: ${unknown.join(', ')} (known: ${EXHIBIT_IDS.join(', ')})`);
  const operatorPin = o.pinHashFile
    ? { hash: PinHashSchema.parse(JSON.parse(readFileSync(o.pinHashFile, 'utf8'))) }
    : { oneTimePin: String(randomInt(0, 100_000_000)).padStart(8, '0') };
  const publicKey = await serverPublicKey(db);
  return db.transaction(async (tx) => {
    await addKiosk(tx, { id: o.kioskId, stationId: o.stationId, name: o.name, profile: o.profile });
    const token = await issueToken(tx, o.kioskId);
    const tz = await tx.query<{ time_zone: string }>('SELECT time_zone FROM stations WHERE id = $1', [o.stationId]);
    // Parsed before it leaves: what we print is exactly what the kiosk will accept, or the kiosk is not added.
    return ProvisioningSchema.parse({
      format: PROVISIONING_FORMAT,
      stationId: o.stationId,
      kioskId: o.kioskId,
      kioskName: o.name,
      operatorPin,
      upload: { url: o.publicUrl, token },
      timeZone: tz[0]?.time_zone ?? 'Asia/Shanghai',
      profile: o.profile,
      serverPublicKey: publicKey,
    });
  });
}
