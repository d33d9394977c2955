import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { contract, METHOD_NAMES, type ResponseEnvelope } from '../../common/contract';
import type { Dispatcher } from '../../node/kiosk/api/dispatcher';
import { isAppOrigin } from './appOrigin';

export interface IpcOptions {
  dispatcher: Pick<Dispatcher, 'dispatch'>;
  /** The current kiosk window (it changes when crash recovery recreates it). */
  getWindow: () => BrowserWindow | null;
  log: { warn(event: string, fields?: Record<string, unknown>): void };
}

/** The fields of an invoke event the check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * Why a sender is refused, or null when it is the kiosk page itself: the event has a frame, the
 * frame is a main frame, its URL is on the app origin, and it belongs to the kiosk window.
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function senderProblem(event: SenderEvent, win: BrowserWindow | null): string | null {
  const frame = event.senderFrame;
  // senderFrame is null when the frame navigated away or was destroyed before the message arrived.
  if (!frame) return 'no sender frame';
  if (frame.parent !== null) return 'not the main frame';
  if (!isAppOrigin(frame.url)) return 'foreign origin';
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return 'not the kiosk window';
  return null;
}

const forbidden = (): ResponseEnvelope => ({
  ok: false,
  error: { code: 'FORBIDDEN', message: 'this sender may not call the kiosk services' },
});

/** One `ipcMain.handle` per contract method; each checks the sender, then hands the raw envelope to the dispatcher. */
export function installIpc(ipcMain: IpcMain, opts: IpcOptions): void {
  for (const method of METHOD_NAMES) {
    const { channel } = contract[method];
    ipcMain.handle(channel, async (event, envelope: unknown): Promise<ResponseEnvelope> => {
      try {
        const problem = senderProblem(event, opts.getWindow());
        if (problem) {
          opts.log.warn('ipc.forbidden', { method, problem, url: String(event.senderFrame?.url ?? '').slice(0, 200) });
          return forbidden();
        }
        return await opts.dispatcher.dispatch(method, envelope);
      } catch (err) {
        // The dispatcher never throws; this guards the sender check itself (a frame torn down mid-call).
        opts.log.warn('ipc.failed', { method, error: String(err) });
        return { ok: false, error: { code: 'INTERNAL', message: `internal error in ${method}` } };
      }
    });
  }
}
