import {
  contract,
  issuesOf,
  KioskError,
  RequestEnvelopeSchema,
  type MethodName,
  type ParsedRequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from '../../../common/contract';
import type { Logger } from '../logger';

export type Handler<M extends MethodName> = (
  input: ParsedRequestOf<M>,
  ctx: { operatorToken?: string },
) => Promise<ResponseOf<M>> | ResponseOf<M>;
export type Handlers = { [M in MethodName]: Handler<M> };

export interface Dispatcher {
  /** Validates the envelope and payload, checks access, runs the handler, validates the result. Never throws. */
  dispatch(method: string, rawEnvelope: unknown): Promise<ResponseEnvelope>;
}

const fail = (code: KioskError['code'], message: string, extra: Partial<KioskError['data']> = {}): ResponseEnvelope => ({
  ok: false,
  error: { code, message, ...extra },
});

/**
 * The single entry point that both shells use: Electron's IPC handlers (after the sender check)
 * and the web host's HTTP routes (after the secret check) hand every call to `dispatch`.
 */
export function createDispatcher(
  handlers: Handlers,
  /** Whether `token` is a live session allowed the channel's access (an operator session passes 'guide' too). */
  checkSession: (token: string | undefined, access: 'operator' | 'guide') => boolean,
  log: Logger,
): Dispatcher {
  return {
    async dispatch(method, rawEnvelope) {
      if (!Object.hasOwn(contract, method)) return fail('UNKNOWN_CHANNEL', `unknown channel: ${String(method).slice(0, 80)}`);
      const name = method as MethodName;
      const def = contract[name];
      const env = RequestEnvelopeSchema.safeParse(rawEnvelope);
      if (!env.success) return fail('BAD_REQUEST', 'malformed request envelope', { issues: issuesOf(env.error) });
      if (def.access !== 'public' && !checkSession(env.data.operatorToken, def.access)) {
        return fail('UNAUTHORIZED', def.access === 'guide' ? 'guide or operator PIN required' : 'operator PIN required');
      }
      const input = def.request.safeParse(env.data.payload ?? {});
      if (!input.success) return fail('BAD_REQUEST', `invalid request for ${name}`, { issues: issuesOf(input.error) });
      let result: unknown;
      try {
        const handler = handlers[name] as Handler<MethodName>;
        result = await handler(input.data as never, { operatorToken: env.data.operatorToken });
      } catch (err) {
        if (err instanceof KioskError) return { ok: false, error: err.data };
        log.error('api.handler_failed', { method: name, error: String((err as Error)?.stack ?? err) });
        return fail('INTERNAL', `internal error in ${name}`);
      }
      const out = def.response.safeParse(result);
      if (!out.success) {
        log.error('api.bad_response', { method: name, issues: issuesOf(out.error) });
        return fail('BAD_RESPONSE', `the service returned an invalid response for ${name}`);
      }
      return { ok: true, value: out.data };
    },
  };
}
