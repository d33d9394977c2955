import { vi } from 'vitest';

/** One request the page sent: method, path under /console/api, headers (lower-case names) and body. */
export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}
type Answer = { status?: number; body: unknown } | ((r: SentRequest) => { status?: number; body: unknown });

/**
 * A fetch stand-in for the console's API: answers `METHOD /path` (query included) from a table that a test may
 * change between steps, records every request, and answers 404 for anything not in the table.
 */
export function fakeConsoleApi(answers: Record<string, Answer>) {
  const sent: SentRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://console.test');
    const r: SentRequest = {
      method: init.method ?? 'GET',
      path: `${url.pathname.replace(/^\/console\/api/, '')}${url.search}`,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])),
      body: init.body,
    };
    sent.push(r);
    const a = answers[`${r.method} ${r.path}`];
    const { status = 200, body } = typeof a === 'function' ? a(r) : (a ?? { status: 404, body: { error: `no ${r.method} ${r.path}` } });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return { answers, sent, fetch };
}

/** The session answer of `GET /me`, so that api.restore() holds this CSRF token. */
export const session = (role: 'district' | 'station', csrfToken = 'csrf-1') => ({
  body: {
    user: { name: role === 'district' ? 'district.lead' : 'li.wei', role, stationId: role === 'station' ? 'qhd-wharf' : null },
    csrfToken,
  },
});
