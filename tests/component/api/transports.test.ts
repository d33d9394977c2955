import { beforeEach, describe, expect, it } from 'vitest';
import { obtainWebSecret } from '../../../src/api/transports';

const NONCE = 'N'.repeat(43);
const SECRET = 'the-per-launch-secret-0123456789';

/** A web host stand-in that trades NONCE once, as node/kiosk/webhost does. */
function fakeHost(): { post: typeof fetch; calls: { url: string; body: unknown }[] } {
  const calls: { url: string; body: unknown }[] = [];
  let spent = false;
  const post = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { nonce: string };
    calls.push({ url: String(input), body });
    const ok = body.nonce === NONCE && !spent;
    spent ||= ok;
    return new Response(
      JSON.stringify(ok ? { ok: true, value: { secret: SECRET } } : { ok: false, error: { code: 'FORBIDDEN', message: 'spent' } }),
      { status: ok ? 200 : 403 },
    );
  }) as typeof fetch;
  return { post, calls };
}

beforeEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('obtainWebSecret', () => {
  it('trades the launch nonce once, keeps the secret in sessionStorage and takes the nonce out of the address bar', async () => {
    const host = fakeHost();
    history.replaceState(null, '', `/#n=${NONCE}`);
    expect(await obtainWebSecret(window.location, sessionStorage, host.post)).toBe(SECRET);
    expect(host.calls).toEqual([{ url: '/session', body: { nonce: NONCE } }]);
    expect(window.location.hash).toBe('');
    expect(sessionStorage.getItem('kiosk.webhost.secret')).toBe(SECRET);
    // A reload: no nonce in the URL any more, the stored secret goes on, nothing is traded again.
    expect(await obtainWebSecret(window.location, sessionStorage, host.post)).toBe(SECRET);
    expect(host.calls).toHaveLength(1);
  });

  it('goes on with the stored secret when a spent launch URL is opened again in the same tab', async () => {
    const host = fakeHost();
    history.replaceState(null, '', `/#n=${NONCE}`);
    await obtainWebSecret(window.location, sessionStorage, host.post);
    history.replaceState(null, '', `/#n=${NONCE}`);
    expect(await obtainWebSecret(window.location, sessionStorage, host.post)).toBe(SECRET);
    expect(host.calls).toHaveLength(2);
  });

  it('has no secret for a spent nonce in a fresh tab, nor for a URL that carries the old secret form', async () => {
    const host = fakeHost();
    history.replaceState(null, '', `/#n=${NONCE}`);
    await obtainWebSecret(window.location, sessionStorage, host.post);
    sessionStorage.clear();
    history.replaceState(null, '', `/#n=${NONCE}`);
    expect(await obtainWebSecret(window.location, sessionStorage, host.post)).toBeNull();
    history.replaceState(null, '', `/#k=${SECRET}`);
    expect(await obtainWebSecret(window.location, sessionStorage, host.post)).toBeNull();
  });
});
