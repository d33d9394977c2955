import {
  contract,
  METHOD_NAMES,
  type KioskBridge,
  type MethodName,
  type RequestEnvelope,
  type ResponseEnvelope,
} from '../../common/contract';

export type Invoke = (channel: string, envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

/**
 * Builds `window.kiosk` from the contract: for each method a function of the same name that sends
 * `{ payload, operatorToken }` on the method's channel. The main process checks the sender and
 * validates both; nothing is trusted here.
 */
export function createBridge(invoke: Invoke): KioskBridge {
  const bridge: Partial<Record<MethodName, KioskBridge[MethodName]>> = {};
  for (const method of METHOD_NAMES) {
    const { channel } = contract[method];
    // A computed key in an object literal names the function after the method (helps stack traces).
    const fn = {
      [method]: (payload: unknown, operatorToken?: string) =>
        invoke(channel, operatorToken === undefined ? { payload } : { payload, operatorToken }),
    }[method];
    bridge[method] = fn as KioskBridge[MethodName];
  }
  return Object.freeze(bridge) as KioskBridge;
}
