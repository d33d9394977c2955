import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { contextBridge, ipcMain, ipcRenderer, resetElectronMock } from '../../../mocks/electron';
import { contract, METHOD_NAMES, type KioskBridge } from '../../../../common/contract';

vi.mock('electron', () => import('../../../mocks/electron'));

// The preload runs once per page, as in Electron: evaluate it once against the mocked electron and
// a stand-in `window` (the sandboxed preload's global).
const fakeWindow = new EventTarget();
vi.stubGlobal('window', fakeWindow);
resetElectronMock();
await import('../../../../electron/preload/index');
const exposedKeys = [...contextBridge.exposed.keys()];
const kiosk = contextBridge.exposed.get('kiosk') as KioskBridge;
afterAll(() => vi.unstubAllGlobals());

describe('preload bridge', () => {
  beforeEach(() => resetElectronMock());

  it('exposes only window.kiosk, with exactly the contract method names', () => {
    expect(exposedKeys).toEqual(['kiosk']);
    expect(Object.keys(kiosk).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) {
      expect(typeof kiosk[name]).toBe('function');
      expect(kiosk[name].name).toBe(name);
    }
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it('never exposes ipcRenderer or a generic invoke', () => {
    const api = kiosk as unknown as Record<string, unknown>;
    for (const leak of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(api[leak]).toBeUndefined();
    for (const value of Object.values(api)) expect(value).not.toBe(ipcRenderer);
  });

  it('sends each method on its own channel as { payload, operatorToken }', async () => {
    for (const name of METHOD_NAMES) ipcMain.handle(contract[name].channel, (_e, envelope) => ({ ok: true, value: { name, envelope } }));
    for (const name of METHOD_NAMES) {
      const call = kiosk[name] as (p: unknown, t?: string) => Promise<unknown>;
      await expect(call({ probe: name }, 'tok-123')).resolves.toEqual({
        ok: true,
        value: { name, envelope: { payload: { probe: name }, operatorToken: 'tok-123' } },
      });
    }
    expect(ipcRenderer.invocations.map((i) => i.channel)).toEqual(METHOD_NAMES.map((m) => contract[m].channel));
  });

  it('leaves operatorToken out when none is given (the envelope schema is strict)', async () => {
    ipcMain.handle(contract.getKioskState.channel, (_e, envelope) => envelope);
    await expect(kiosk.getKioskState({})).resolves.toEqual({ payload: {} });
  });

  it('swallows file drops on the page', () => {
    const drop = new Event('drop', { cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'] } });
    fakeWindow.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
  });
});
