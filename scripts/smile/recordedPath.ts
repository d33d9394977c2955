import { relative, resolve, sep } from 'node:path';

/**
 * A folder or file as a model file records it in the command that made it. The data sets sit beside the project's
 * checkout (../shared/datasets), so one of them is written that way wherever this copy is; anything else is written
 * relative to `from` (the project root), with forward slashes so the record reads the same on every platform.
 */
export function recordedPath(p: string, from = '.'): string {
  const full = resolve(p);
  return /[\\/]shared[\\/]datasets[\\/][^\\/]+$/.test(full)
    ? `../shared/datasets/${full.split(/[\\/]/).pop()}`
    : relative(from, p).split(sep).join('/');
}
