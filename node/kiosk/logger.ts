import { appendFileSync, readdirSync, unlinkSync } from 'node:fs';
import { ensurePrivateFile } from './privateFiles';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export interface LogLine {
  at: string;
  level: LogLevel;
  event: string;
  [field: string]: unknown;
}

/**
 * One JSON object per line, one file per UTC day in the data folder's `logs/`, and a copy on stderr
 * (so the kiosk's service manager sees it too). Log files are 0600. Logs never hold images, faces or visitor data:
 * callers pass event names and counts only.
 */
export function createFileLogger(
  dir: string,
  opts: { keepDays?: number; echo?: boolean; now?: () => number } = {},
): Logger & { lines: LogLine[] } {
  const keepDays = opts.keepDays ?? 30;
  const now = opts.now ?? Date.now;
  const echo = opts.echo ?? true;
  const lines: LogLine[] = [];
  let prunedFor = '';
  let createdFor = '';
  const write = (level: LogLevel, event: string, fields: Record<string, unknown> = {}): void => {
    const at = new Date(now()).toISOString();
    const line: LogLine = { at, level, event, ...fields };
    lines.push(line);
    if (lines.length > 500) lines.shift();
    const text = JSON.stringify(line);
    const day = at.slice(0, 10);
    try {
      const file = join(dir, `kiosk-${day}.log`);
      // Each day's new file is created owner-only before the first line (privateFiles.ts says why).
      if (createdFor !== day) {
        ensurePrivateFile(file);
        createdFor = day;
      }
      appendFileSync(file, `${text}\n`);
      if (prunedFor !== day) {
        prunedFor = day;
        prune(dir, day, keepDays);
      }
    } catch {
      // A full or read-only disk must not take the kiosk down; stderr still has the line.
    }
    if (echo) process.stderr.write(`${text}\n`);
  };
  return {
    lines,
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}

function prune(dir: string, today: string, keepDays: number): void {
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - keepDays * 86_400_000).toISOString().slice(0, 10);
  for (const name of readdirSync(dir)) {
    const m = /^kiosk-(\d{4}-\d{2}-\d{2})\.log$/.exec(name);
    if (m && (m[1] as string) < cutoff) unlinkSync(join(dir, name));
  }
}

/** A logger that keeps lines in memory only (tests, command-line tools). */
export function createMemoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const write = (level: LogLevel, event: string, fields: Record<string, unknown> = {}): void => {
    lines.push({ at: new Date().toISOString(), level, event, ...fields });
  };
  return { lines, info: (e, f) => write('info', e, f), warn: (e, f) => write('warn', e, f), error: (e, f) => write('error', e, f) };
}
