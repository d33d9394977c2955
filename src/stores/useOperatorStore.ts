import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodName, RequestOf, ResponseOf } from '../../common/contract';
import { kioskClient } from '../api/client';
import { callWithSession } from '../api/sessionCall';

/**
 * The operator session. The token lives only in this store's memory (never in localStorage or
 * sessionStorage): a reload, a crash or "exit" always asks for the PIN again.
 */
export const useOperatorStore = defineStore('operator', () => {
  const token = ref<string | null>(null);
  const padOpen = ref(false);
  /** Signed in with an installer's one-time PIN: the console asks for a new PIN before anything else. */
  const mustChangePin = ref(false);
  const unlocked = computed(() => token.value !== null);

  async function unlock(pin: string): Promise<void> {
    const session = await kioskClient().unlockOperator({ pin });
    token.value = session.token;
    mustChangePin.value = session.mustChangePin;
  }

  /** First start: sets the PIN and signs in with it in one step. */
  async function setup(pin: string): Promise<void> {
    token.value = (await kioskClient().setupPin({ pin })).token;
    mustChangePin.value = false;
  }

  async function lock(): Promise<void> {
    const t = token.value;
    token.value = null;
    mustChangePin.value = false;
    if (t)
      await kioskClient()
        .lockOperator({}, t)
        .catch(() => undefined);
  }

  /** Calls an operator channel with the token; an expired session signs the operator out. */
  const call = <M extends MethodName>(method: M, payload: RequestOf<M>): Promise<ResponseOf<M>> => callWithSession(token, method, payload);

  return { token, padOpen, mustChangePin, unlocked, unlock, setup, lock, call };
});
