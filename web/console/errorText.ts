import { ApiError } from './api';

/** What a page says when a call failed: a refused page, a server out of reach, or the server's own message. */
export function errorText(err: unknown, t: (key: string, p?: Record<string, unknown>) => string): string {
  if (err instanceof ApiError && err.status === 403) return t('common.forbidden');
  if (err instanceof ApiError && err.status === 0) return t('common.network');
  return t('common.error', { message: err instanceof Error ? err.message : String(err) });
}
