import type { Db } from '../../../../node/server/db/Db';
import type { RunningServer } from '../../../../node/server/http/startServer';
import { runCli } from '../../../../node/server/cli/runCli';

/** Runs the server's command line in-process on the test's database; collects what it prints. */
export async function cli(
  db: Db,
  argv: string[],
  o: { stdin?: string; env?: NodeJS.ProcessEnv; onServing?: (s: RunningServer) => void } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    db,
    out: (t) => (out += t),
    err: (t) => (err += t),
    readStdin: async () => o.stdin ?? '',
    env: { SERVER_PUBLIC_URL: 'https://counts.example.org/riverside', ...o.env },
    onServing: o.onServing,
  });
  return { code, out, err };
}
