import {
  contract,
  issuesOf,
  KioskError,
  METHOD_NAMES,
  ResponseEnvelopeSchema,
  type MethodName,
  type RequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from '../../common/contract';

/** How a call reaches the services: Electron's preload bridge, or the web host over HTTP. */
export type Transport = (method: MethodName, payload: unknown, operatorToken?: string) => Promise<ResponseEnvelope>;

export type KioskClient = {
  [M in MethodName]: (payload: RequestOf<M>, operatorToken?: string) => Promise<ResponseOf<M>>;
};

/**
 * The renderer's typed client, generated from the contract: every method checks its request
 * before sending (so a bug shows here, with the JSON path) and its response after receiving.
 * Errors arrive as `KioskError` with the contract's error code.
 */
export function createKioskClient(transport: Transport): KioskClient {
  const client = {} as Record<MethodName, (payload: unknown, token?: string) => Promise<unknown>>;
  for (const method of METHOD_NAMES) {
    const def = contract[method];
    client[method] = async (payload, token) => {
      const req = def.request.safeParse(payload ?? {});
      if (!req.success)
        throw new KioskError({ code: 'BAD_REQUEST', message: `invalid request for ${method}`, issues: issuesOf(req.error) });
      let raw: unknown;
      try {
        raw = await transport(method, req.data, token);
      } catch (err) {
        throw new KioskError({ code: 'INTERNAL', message: `could not reach the kiosk services: ${(err as Error).message}` });
      }
      const env = ResponseEnvelopeSchema.safeParse(raw);
      if (!env.success) throw new KioskError({ code: 'BAD_RESPONSE', message: `malformed response envelope for ${method}` });
      if (!env.data.ok) throw new KioskError(env.data.error);
      const value = def.response.safeParse(env.data.value);
      if (!value.success)
        throw new KioskError({ code: 'BAD_RESPONSE', message: `invalid response for ${method}`, issues: issuesOf(value.error) });
      return value.data;
    };
  }
  return client as unknown as KioskClient;
}
