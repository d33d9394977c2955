/** The server's log: one JSON object per line on stderr (the service manager keeps it). */
export interface ServerLog {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createStderrLog(write: (line: string) => void = (l) => process.stderr.write(l)): ServerLog {
  const out = (level: string, event: string, fields: Record<string, unknown> = {}): void =>
    write(`${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`);
  return { info: (e, f) => out('info', e, f), error: (e, f) => out('error', e, f) };
}

/** Keeps lines in memory (tests read them). */
export function createMemoryLog(): ServerLog & { lines: { level: string; event: string; [k: string]: unknown }[] } {
  const lines: { level: string; event: string; [k: string]: unknown }[] = [];
  return {
    lines,
    info: (event, f = {}) => void lines.push({ level: 'info', event, ...f }),
    error: (event, f = {}) => void lines.push({ level: 'error', event, ...f }),
  };
}
