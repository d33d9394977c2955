import { askLaunchUrl, postJson, type RunningHost } from '../e2e/webHost';

export const PIN = '2468';

/**
 * The soak's hand on the web host: contract calls over HTTP as the renderer makes them, signed in as the operator
 * where the method wants it (a fresh session per call: the operator's own sessions time out).
 */
export interface HostClient {
  running: RunningHost;
  launchUrl(): Promise<string>;
  api<T = unknown>(method: string, payload?: unknown, operatorToken?: string): Promise<T>;
  asOperator<T = unknown>(method: string, payload?: unknown): Promise<T>;
}

export function hostClient(running: RunningHost): HostClient {
  const call = async (
    method: string,
    payload: unknown,
    operatorToken?: string,
  ): Promise<{ ok: boolean; value?: unknown; error?: unknown }> => {
    const body = operatorToken ? { payload, operatorToken } : { payload };
    return (await postJson(`${running.url}api/${method}`, body, { 'x-kiosk-secret': running.secret })) as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
  };
  const client: HostClient = {
    running,
    launchUrl: () => askLaunchUrl(running.child),
    async api<T>(method: string, payload: unknown = {}, operatorToken?: string): Promise<T> {
      const r = await call(method, payload, operatorToken);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as T;
    },
    async asOperator<T>(method: string, payload: unknown = {}): Promise<T> {
      const { token } = await client.api<{ token: string }>('unlockOperator', { pin: PIN });
      try {
        return await client.api<T>(method, payload, token);
      } finally {
        await call('lockOperator', {}, token);
      }
    },
  };
  return client;
}
