import type { App } from 'electron';

/**
 * Command-line switches and environment variables that open the main process or a renderer to a
 * debugger or to injected code. The fuses (electron-builder.yml, electronFuses) switch off Node's own `--inspect`
 * and NODE_OPTIONS handling and ELECTRON_RUN_AS_NODE in the packaged binary, but Chromium still
 * honours its remote-debugging switches (https://www.electronjs.org/docs/latest/api/command-line-switches
 * and https://www.electronjs.org/docs/latest/tutorial/fuses), so an installed kiosk refuses to start with any of them.
 */
const DEBUG_SWITCHES: readonly RegExp[] = [
  /^remote-debugging-(?:port|pipe|address|targets)$/,
  /^remote-allow-origins$/,
  /^inspect(?:-brk|-brk-node|-port|-wait|-publish-uid)?$/,
  /^debug(?:-brk|-port)?$/,
  // V8 flags can turn on natives syntax or an inspector-like allow list; the kiosk passes none.
  /^js-flags$/,
];

/** Node options that load code or a debugger (NODE_OPTIONS is also switched off by a fuse). */
const NODE_OPTION_TRICKS = /(?:^|\s)--(?:inspect[\w-]*|debug[\w-]*|require|import|loader|experimental-loader)\b|(?:^|\s)-r\b/;

/**
 * The reasons to refuse this command line and environment, empty when there are none. Chromium reads
 * switches with `--` or `-` (and `/` on Windows) and stops at a bare `--`; names compare in lower case.
 */
export function debuggingReasons(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const reasons: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '--') break;
    const m = /^(?:--?|\/)([A-Za-z][\w-]*)(?:=.*)?$/s.exec(arg);
    const name = m?.[1]?.toLowerCase();
    if (name && DEBUG_SWITCHES.some((re) => re.test(name))) reasons.push(`command-line switch --${name}`);
  }
  if (env.ELECTRON_RUN_AS_NODE !== undefined) reasons.push('environment variable ELECTRON_RUN_AS_NODE');
  if (env.NODE_OPTIONS && NODE_OPTION_TRICKS.test(env.NODE_OPTIONS)) reasons.push('NODE_OPTIONS that load code or a debugger');
  return reasons;
}

export interface RefusalLog {
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * In an installed build (`app.isPackaged`), exits at once with code 1 and a logged reason when the
 * kiosk was started with a debugging switch; development builds keep them. Returns true when it refused.
 * https://www.electronjs.org/docs/latest/api/app#appexitexitcode
 */
export function refuseDebugging(
  app: Pick<App, 'isPackaged' | 'exit'>,
  log: RefusalLog,
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!app.isPackaged) return false;
  const reasons = debuggingReasons(argv, env);
  if (reasons.length === 0) return false;
  log.error('security.debugging_refused', { reasons });
  app.exit(1);
  return true;
}
