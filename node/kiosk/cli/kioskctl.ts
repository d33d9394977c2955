import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS, MetricNameSchema } from '../../../common/metrics';
import { resolveDataDir } from '../dataDir';
import { applyProvisioning, parseProvisioning } from '../provisioning/applyProvisioning';
import { createFileLogger } from '../logger';
import { createServices, type Services } from '../services';

const USAGE = `usage: kioskctl <command>   (data folder: KIOSK_DATA_DIR or the app-data folder)
  record <metric> [amount]   record a test count (amount 1-1000000, default 1)
  outbox [limit]             the upload backlog, upload state and the first rows (default 20)
  upload-now                 upload the backlog and a heartbeat now
  health                     the health report
  provision <file>           apply an installer's provisioning file (common/provisioning.ts): ids, name,
                             operator PIN, upload URL and token, time zone, profile, server key;
                             stop the kiosk first (or restart it after)
Every command prints one JSON object on stdout.`;

function appVersion(): string {
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, '..', '..', '..', 'package.json'), join(here, '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
    } catch {
      /* next */
    }
  }
  return '0.0.0';
}

/** Runs one command against the services and returns what to print. Exported for the tests. */
export async function runKioskctl(s: Services, argv: readonly string[]): Promise<unknown> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'record': {
      const metric = MetricNameSchema.safeParse(args[0]);
      if (!metric.success) throw new Error(`unknown metric ${JSON.stringify(args[0])}; known: ${Object.keys(METRICS).join(', ')}`);
      const amount = args[1] === undefined ? 1 : Number(args[1]);
      if (!Number.isInteger(amount) || amount < 1 || amount > 1_000_000)
        throw new Error(`amount must be an integer 1-1000000, got ${args[1]}`);
      s.counter.record(metric.data, amount, s.now());
      return { recorded: { metric: metric.data, amount }, backlog: s.outbox.backlog() };
    }
    case 'outbox': {
      const limit = args[0] === undefined ? 20 : Number(args[0]);
      if (!Number.isInteger(limit) || limit < 0 || limit > 10_000) throw new Error(`limit must be an integer 0-10000, got ${args[0]}`);
      const rows = s.outbox.peek(limit).map((r) => ({ ...r, hour: new Date(r.hourStart).toISOString() }));
      return { backlog: s.outbox.backlog(), state: s.outbox.state(), rows };
    }
    case 'upload-now':
      return s.uploader.uploadNow();
    case 'health':
      return s.health.get();
    case 'provision': {
      if (!args[0]) throw new Error(`provision needs a file\n${USAGE}`);
      const p = parseProvisioning(readFileSync(args[0], 'utf8'));
      applyProvisioning(s, p, args[0]);
      // Never the token or the PIN: this goes to a terminal.
      return {
        provisioned: {
          stationId: p.stationId,
          kioskId: p.kioskId,
          kioskName: p.kioskName,
          operatorPin: 'hash' in p.operatorPin ? 'hash' : 'one-time (to change at the first sign-in)',
          upload: p.upload ? p.upload.url : null,
          timeZone: p.timeZone,
          profile: s.settings.get().exhibits,
          serverPublicKey: p.serverPublicKey !== null,
        },
        note: 'restart the kiosk if it is running, so that it reads the new settings',
      };
    }
    default:
      throw new Error(cmd ? `unknown command: ${cmd}\n${USAGE}` : USAGE);
  }
}

async function main(): Promise<void> {
  const dataDir = resolveDataDir();
  const log = createFileLogger(join(dataDir, 'logs'), { echo: false });
  const services = createServices({ dataDir, appVersion: appVersion(), runtime: 'web', log });
  try {
    const out = await runKioskctl(services, process.argv.slice(2));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    if (out && typeof out === 'object' && 'ok' in out && out.ok === false) process.exitCode = 2;
  } finally {
    services.close();
  }
}

// Run only as a program, not when a test imports runKioskctl.
if (process.argv[1] && /kioskctl[^/\\]*\.(ts|js|cjs|mjs)$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`kioskctl: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
