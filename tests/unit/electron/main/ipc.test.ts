import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, invokeEvent, ipcMain, resetElectronMock, WebContents, WebFrameMain } from '../../../mocks/electron';
import { installIpc } from '../../../../electron/main/ipc';
import { contract, METHOD_NAMES, ResponseEnvelopeSchema } from '../../../../common/contract';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { createServices } from '../../../../node/kiosk/services';
import { makeTempDir } from '../../../fixtures/tempDir';

vi.mock('electron', () => import('../../../mocks/electron'));

function setup() {
  const win = new BrowserWindow({});
  void win.loadURL('app://kiosk/');
  const dispatch = vi.fn(async (method: string, envelope: unknown) => ({ ok: true as const, value: { method, envelope } }));
  const log = createMemoryLogger();
  installIpc(ipcMain as never, { dispatcher: { dispatch }, getWindow: () => win as never, log });
  return { win, dispatch, log };
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } };

describe('IPC handlers', () => {
  beforeEach(() => resetElectronMock());

  it('registers exactly one handler per contract channel', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => contract[m].channel).sort());
  });

  it('hands a call from the kiosk main frame to the dispatcher with its method name', async () => {
    const { win, dispatch } = setup();
    for (const method of METHOD_NAMES) {
      const envelope = { payload: { any: method } };
      const res = await ipcMain.invoke(contract[method].channel, invokeEvent(win.webContents), envelope);
      expect(res).toEqual({ ok: true, value: { method, envelope } });
    }
    expect(dispatch).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });

  it.each([
    [
      'a foreign origin',
      (win: BrowserWindow) => {
        win.webContents.mainFrame.url = 'https://app.evil/';
        return invokeEvent(win.webContents);
      },
    ],
    [
      'a look-alike app host',
      (win: BrowserWindow) => {
        win.webContents.mainFrame.url = 'app://kiosk.evil/';
        return invokeEvent(win.webContents);
      },
    ],
    [
      'a userinfo trick',
      (win: BrowserWindow) => {
        win.webContents.mainFrame.url = 'app://kiosk@evil.com/';
        return invokeEvent(win.webContents);
      },
    ],
    [
      'file://',
      (win: BrowserWindow) => {
        win.webContents.mainFrame.url = 'file:///etc/passwd';
        return invokeEvent(win.webContents);
      },
    ],
    [
      'a subframe on the app origin',
      (win: BrowserWindow) => invokeEvent(win.webContents, new WebFrameMain('app://kiosk/frame.html', win.webContents.mainFrame)),
    ],
    [
      'another webContents on the app origin',
      () => {
        const other = new WebContents();
        other.mainFrame.url = 'app://kiosk/';
        return invokeEvent(other);
      },
    ],
    ['a missing senderFrame', (win: BrowserWindow) => invokeEvent(win.webContents, null)],
  ])('answers FORBIDDEN to %s without reaching the dispatcher', async (_label, makeEvent) => {
    const { win, dispatch, log } = setup();
    const res = await ipcMain.invoke(contract.getKioskState.channel, makeEvent(win), { payload: {} });
    expect(res).toEqual(FORBIDDEN);
    expect(ResponseEnvelopeSchema.safeParse(res).success).toBe(true);
    expect(dispatch).not.toHaveBeenCalled();
    expect(log.lines.at(-1)?.event).toBe('ipc.forbidden');
  });

  it('answers FORBIDDEN when the kiosk window is gone', async () => {
    const { win, dispatch } = setup();
    const event = invokeEvent(win.webContents);
    win.destroy();
    expect(await ipcMain.invoke(contract.getKioskState.channel, event, { payload: {} })).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('never throws, even if reading the sender fails', async () => {
    const { dispatch } = setup();
    const event = Object.defineProperty({}, 'senderFrame', {
      get: () => {
        throw new Error('Render frame was disposed');
      },
    });
    const res = await ipcMain.invoke(contract.getKioskState.channel, event, { payload: {} });
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('IPC with the real dispatcher', () => {
  const tmp = makeTempDir('kiosk-ipc-');
  const services = createServices({ dataDir: tmp.dir, appVersion: '0.0.0-test', runtime: 'electron', log: createMemoryLogger() });
  afterAll(() => {
    services.close();
    tmp.cleanup();
  });

  beforeEach(() => resetElectronMock());

  it('parses the payload: a malformed one gets BAD_REQUEST, a good one an answer', async () => {
    const win = new BrowserWindow({});
    void win.loadURL('app://kiosk/');
    installIpc(ipcMain as never, { dispatcher: services.dispatcher, getWindow: () => win as never, log: services.log });
    const ch = contract.recordUsage.channel;
    const bad = await ipcMain.invoke(ch, invokeEvent(win.webContents), { payload: { metric: 'no.such.metric', amount: -5 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const badEnvelope = await ipcMain.invoke(ch, invokeEvent(win.webContents), 'not an envelope');
    expect(badEnvelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const state = await ipcMain.invoke(contract.getKioskState.channel, invokeEvent(win.webContents), { payload: {} });
    expect(state).toMatchObject({ ok: true, value: { runtime: 'electron', appVersion: '0.0.0-test' } });
    const locked = await ipcMain.invoke(contract.getSettings.channel, invokeEvent(win.webContents), { payload: {} });
    expect(locked).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});
