import type { Ref } from 'vue';
import { KioskError, type MethodName, type RequestOf, type ResponseOf } from '../../common/contract';
import { kioskClient } from './client';

/**
 * Calls a channel with a PIN session's token (the operator's or a guide's); an expired or revoked session clears
 * the token, so the screen behind it signs out.
 */
export async function callWithSession<M extends MethodName>(
  token: Ref<string | null>,
  method: M,
  payload: RequestOf<M>,
): Promise<ResponseOf<M>> {
  const fn = kioskClient()[method] as (p: RequestOf<M>, t?: string) => Promise<ResponseOf<M>>;
  try {
    return await fn(payload, token.value ?? undefined);
  } catch (err) {
    if (err instanceof KioskError && err.code === 'UNAUTHORIZED') token.value = null;
    throw err;
  }
}
