import type { ServerResponse } from 'node:http';
import type { z } from 'zod';

/** An answer with a status the client should see (4xx); anything else thrown becomes a generic 500. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const issuesOf = (e: z.ZodError) => e.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
