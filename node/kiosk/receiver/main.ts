import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openReceiverStore } from './receiverStore';
import { startReceiver } from './receiverServer';

/**
 * `npm run receiver -- --port 8787 --db receiver.db --token SECRET [--token ANOTHER] [--host 127.0.0.1]`
 * serves the upload protocol; `npm run receiver -- totals --db receiver.db [--station ID] [--kiosk ID]
 * [--from ISO] [--to ISO]` prints the totals per metric as JSON. Tokens may also come from
 * RECEIVER_TOKENS (comma separated) or `--tokens-file FILE` (one per line, # comments), so they
 * stay out of the process list.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string', default: 'receiver.db' },
      token: { type: 'string', multiple: true },
      'tokens-file': { type: 'string' },
      station: { type: 'string' },
      kiosk: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const store = openReceiverStore(values.db);
  if (positionals[0] === 'totals') {
    const totals = store.totals({ stationId: values.station, kioskId: values.kiosk, from: values.from, to: values.to });
    process.stdout.write(`${JSON.stringify({ totals })}\n`);
    store.close();
    return;
  }
  if (positionals.length > 0) throw new Error(`unknown command: ${positionals[0]} (expected nothing or "totals")`);
  const fromFile = values['tokens-file'] ? readFileSync(values['tokens-file'], 'utf8').split(/\r?\n/) : [];
  const tokens = [...(values.token ?? []), ...(process.env.RECEIVER_TOKENS ?? '').split(','), ...fromFile]
    .map((t) => t.trim())
    .filter((t) => t && !t.startsWith('#'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const r = await startReceiver({ store, tokens, host: values.host, port });
  process.stdout.write(`${JSON.stringify({ event: 'receiver.listening', url: r.url, db: values.db })}\n`);
  const stop = (): void => {
    void r.close().finally(() => {
      store.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`receiver: ${(err as Error).message}\n`);
  process.exit(1);
});
