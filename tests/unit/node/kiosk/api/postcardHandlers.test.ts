import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResponseEnvelope } from '../../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../../common/postcardSettings';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createPdfPrinter } from '../../../../../node/kiosk/postcards/pdfPrinter';
import { PrintError } from '../../../../../node/kiosk/postcards/printQueue';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { makeJpeg } from '../../../../fixtures/postcards/cardImages';
import { phoneGet } from '../../../../fixtures/postcards/phoneClient';
import { makeTempDir } from '../../../../fixtures/tempDir';

let services: Services;
let cleanup: () => void;
let clock: number;
let operatorToken: string;
let dataDir: string;

beforeEach(async () => {
  const t = makeTempDir();
  cleanup = t.cleanup;
  clock = Date.UTC(2026, 4, 1, 2, 0, 0);
  dataDir = join(t.dir, 'data');
  services = createServices({ dataDir, appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger(), now: () => clock });
  await services.pin.setInitial('2468');
  operatorToken = services.sessions.open().token;
});
afterEach(async () => {
  await services.postcards.stopTakeaway();
  await services.postcards.queue.idle();
  services.close();
  cleanup();
});

const call = async <T = Record<string, unknown>>(method: string, payload: unknown = {}, operator = false): Promise<T> => {
  const r: ResponseEnvelope = await services.dispatcher.dispatch(method, { payload, operatorToken: operator ? operatorToken : undefined });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
};
const codeOf = async (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => undefined,
    (e: { code?: string }) => e.code,
  );
const setPostcard = (patch: Partial<typeof POSTCARD_SETTINGS_DEFAULT>) =>
  services.exhibitConfig.set('postcard', { ...POSTCARD_SETTINGS_DEFAULT, ...patch });
const totals = () => services.counter.totals(0, Number.MAX_SAFE_INTEGER);

interface Link {
  token: string;
  url: string | null;
  qrSvg: string | null;
  qrPngDataUrl: string | null;
  expiresAt: number;
  online: boolean;
  printsLeft: number;
}

/** Reads the QR modules back out of the PNG (scale 8, margin 2) and compares them with the code of `url`. */
function pngEncodes(dataUrl: string, url: string): boolean {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  if (png.width !== (n + 4) * 8) return false;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const dark = (png.data[(((2 + r) * 8 + 4) * png.width + (2 + c) * 8 + 4) * 4] ?? 255) < 128;
      if (dark !== Boolean(qr.modules.get(r, c))) return false;
    }
  }
  return true;
}

describe('postcard channels', () => {
  it('saves a card and a phone fetches it at the URL in the QR code; made and picked up are counted', async () => {
    const server = await services.postcards.startTakeaway({ host: '127.0.0.1', port: 0 });
    const bytes = makeJpeg(1748, 1181, 70);
    const link = await call<Link>('savePostcard', { imageBase64: bytes.toString('base64'), mime: 'image/jpeg' });
    expect(link).toMatchObject({ online: true, expiresAt: clock + 24 * 3_600_000 });
    expect(link.url).toBe(`${server?.url}/c/${link.token}`);
    expect(link.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(pngEncodes(link.qrPngDataUrl as string, link.url as string)).toBe(true);
    expect(pngEncodes(link.qrPngDataUrl as string, `${link.url}x`)).toBe(false);

    const img = await phoneGet(`${link.url}/card.jpg`);
    expect(img.status).toBe(200);
    expect(img.body.equals(bytes)).toBe(true);
    expect(totals()).toMatchObject({ 'postcard.made': 1, 'postcard.picked_up': 1 });

    clock += 24 * 3_600_000;
    services.postcards.store.sweep();
    expect((await phoneGet(`${link.url}/card.jpg`)).status).toBe(404);
  });

  it('builds the link from the settings: public base URL, expiry hours, or none when take-away is off', async () => {
    setPostcard({
      expiryHours: 2,
      takeaway: { enabled: true, interface: '127.0.0.1', port: 8790, publicBaseUrl: 'https://wifi.example.cn/kiosk/' },
    });
    const a = await call<Link>('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/jpeg' });
    expect(a).toMatchObject({ url: `https://wifi.example.cn/kiosk/c/${a.token}`, online: false, expiresAt: clock + 2 * 3_600_000 });
    setPostcard({ takeaway: { enabled: true, interface: '127.0.0.1', port: 8790, publicBaseUrl: null } });
    expect((await call<Link>('reservePostcard')).url).toMatch(/^http:\/\/127\.0\.0\.1:8790\/c\/[A-Za-z0-9_-]{43}$/);
    setPostcard({ takeaway: { enabled: false, interface: 'auto', port: 8790, publicBaseUrl: null } });
    expect(await call<Link>('reservePostcard')).toMatchObject({ url: null, qrSvg: null, qrPngDataUrl: null });
    expect(await services.postcards.startTakeaway()).toBeNull();
  });

  it('fills a reserved link, so the QR code can be printed on the card', async () => {
    const r = await call<Link>('reservePostcard');
    const saved = await call<Link>('savePostcard', {
      imageBase64: makeJpeg(300, 200).toString('base64'),
      mime: 'image/jpeg',
      token: r.token,
    });
    expect(saved.token).toBe(r.token);
    expect(saved.url).toBe(r.url);
    expect(services.postcards.store.find(r.token)?.width).toBe(300);
  });

  it('refuses bad uploads with BAD_REQUEST', async () => {
    expect(await codeOf(call('savePostcard', { imageBase64: 'data:image/png;base64,AAAA', mime: 'image/png' }))).toBe('BAD_REQUEST');
    expect(await codeOf(call('savePostcard', { imageBase64: 'AAAAA', mime: 'image/png' }))).toBe('BAD_REQUEST');
    expect(
      await codeOf(call('savePostcard', { imageBase64: Buffer.from('hello, not an image').toString('base64'), mime: 'image/png' })),
    ).toBe('BAD_REQUEST');
    expect(await codeOf(call('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/gif' }))).toBe(
      'BAD_REQUEST',
    );
    expect(totals()['postcard.made']).toBeUndefined();
  });

  it('prints to PDF in the web host, reports the status, enforces the limit and counts prints', async () => {
    setPostcard({ printLimit: 1 });
    const link = await call<Link>('savePostcard', { imageBase64: makeJpeg(1748, 1181, 70).toString('base64'), mime: 'image/jpeg' });
    const job = await call<{ id: string; status: string }>('printPostcard', { token: link.token });
    expect(job).toMatchObject({ status: 'queued', kind: 'card', reason: null });
    expect(job).not.toHaveProperty('output'); // no file paths on a visitor's screen
    await services.postcards.queue.idle();
    expect(await call('getPrintStatus', { jobId: job.id })).toMatchObject({ status: 'done' });
    expect(totals()['postcard.printed']).toBe(1);
    expect(await codeOf(call('printPostcard', { token: link.token }))).toBe('CONFLICT');
    expect(await codeOf(call('printPostcard', { token: 'W'.repeat(43) }))).toBe('NOT_FOUND');
    expect(await codeOf(call('getPrintStatus', { jobId: 'nope' }))).toBe('NOT_FOUND');

    const queue = await call<{ jobs: { id: string; output: string }[]; printer: { kind: string }; printLimit: number }>(
      'getPrintQueue',
      {},
      true,
    );
    expect(queue).toMatchObject({ printer: { kind: 'pdf', name: '' }, printLimit: 1 });
    expect(queue.jobs[0]?.output).toMatch(/postcards[\\/]print[\\/][0-9a-f]{32}-[A-Za-z0-9_-]+\.pdf$/);
    expect(existsSync(queue.jobs[0]?.output as string)).toBe(true);
  });

  it('keeps the queue, test print and clear behind the operator PIN', async () => {
    for (const m of ['getPrintQueue', 'clearPrintQueue', 'testPrint']) expect(await codeOf(call(m))).toBe('UNAUTHORIZED');
    const test = await call<{ id: string }>('testPrint', {}, true);
    await services.postcards.queue.idle();
    expect(await call('getPrintStatus', { jobId: test.id })).toMatchObject({ kind: 'test', status: 'done' });
    expect(totals()['postcard.printed']).toBeUndefined();
    expect(await call('clearPrintQueue', {}, true)).toEqual({ removed: 1 });
    expect(await call('getPrintQueue', {}, true)).toMatchObject({ jobs: [] });
  });

  it('tells the visitor how many prints the card has left, as the service counts them', async () => {
    setPostcard({ printLimit: 2 });
    expect((await call<Link>('reservePostcard')).printsLeft).toBe(2);
    const link = await call<Link>('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/jpeg' });
    expect(link.printsLeft).toBe(2);
    const job = await call<{ id: string; printsLeft: number }>('printPostcard', { token: link.token });
    expect(job.printsLeft).toBe(1);
    await services.postcards.queue.idle();
    expect(await call('getPrintStatus', { jobId: job.id })).toMatchObject({ status: 'done', printsLeft: 1 });
    const second = await call<{ id: string; printsLeft: number }>('printPostcard', { token: link.token });
    expect(second.printsLeft).toBe(0);
    await services.postcards.queue.idle();
    expect(await codeOf(call('printPostcard', { token: link.token }))).toBe('CONFLICT');
    // The operator lowers the limit: the answer follows the setting, never below 0; a test page has no card.
    setPostcard({ printLimit: 1 });
    expect(await call('getPrintStatus', { jobId: job.id })).toMatchObject({ printsLeft: 0 });
    const test = await call<{ id: string }>('testPrint', {}, true);
    expect(await call('getPrintStatus', { jobId: test.id })).toMatchObject({ kind: 'test', printsLeft: null });
    // Printing turned off: every card reports 0 left and printing is refused.
    setPostcard({ printLimit: 0 });
    const off = await call<Link>('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/jpeg' });
    expect(off.printsLeft).toBe(0);
    expect(await codeOf(call('printPostcard', { token: off.token }))).toBe('FORBIDDEN');
  });

  it('lets the operator reprint a failed job once, behind the PIN, with the reason in the list and in each refusal', async () => {
    setPostcard({ printLimit: 1 });
    const link = await call<Link>('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/jpeg' });
    const pdf = createPdfPrinter(services.postcards.store, () => clock);
    let paper = false;
    services.postcards.setPrinter({
      kind: 'pdf',
      print: (req) => (paper ? pdf.print(req) : Promise.reject(new PrintError('paper_out', 'tray empty'))),
    });
    const job = await call<{ id: string }>('printPostcard', { token: link.token });
    await services.postcards.queue.idle();
    type Row = {
      id: string;
      status: string;
      reprintOf: string | null;
      reprintedBy: string | null;
      reprintBlocked: string | null;
      printsLeft: number | null;
    };
    const rows = async () => (await call<{ jobs: Row[] }>('getPrintQueue', {}, true)).jobs;
    expect(await rows()).toMatchObject([
      { id: job.id, status: 'failed', reprintOf: null, reprintedBy: null, reprintBlocked: null, printsLeft: 1 },
    ]);

    expect(await codeOf(call('reprintPrintJob', { jobId: job.id }))).toBe('UNAUTHORIZED');
    paper = true;
    const again = await call<Row>('reprintPrintJob', { jobId: job.id }, true);
    expect(again).toMatchObject({ status: 'queued', reprintOf: job.id, reprintBlocked: 'not_failed', printsLeft: 1 });
    await services.postcards.queue.idle();
    expect(await rows()).toMatchObject([
      { id: job.id, status: 'failed', reprintedBy: again.id, reprintBlocked: 'already_reprinted' },
      { id: again.id, status: 'done', reprintOf: job.id, reprintBlocked: 'not_failed', printsLeft: 1 },
    ]);
    expect(totals()['postcard.printed']).toBe(1);

    const refused = async (jobId: string) => {
      const r = await services.dispatcher.dispatch('reprintPrintJob', { payload: { jobId }, operatorToken });
      return r.ok ? 'accepted' : `${r.error.code} ${r.error.reason}`;
    };
    expect(await refused(job.id)).toBe('CONFLICT already_reprinted');
    expect(await refused(again.id)).toBe('CONFLICT not_failed');
    expect(await refused('no-such-job')).toBe('NOT_FOUND unknown_job');
    // The visitor's own print is still there: the reprint did not use it.
    expect((await call<Row>('printPostcard', { token: link.token })).printsLeft).toBe(0);
  });

  it('a print job outlives a restart of the services: its status is still there, a waiting job prints after the restart', async () => {
    const link = await call<Link>('savePostcard', { imageBase64: makeJpeg(300, 200).toString('base64'), mime: 'image/jpeg' });
    // Stop the queue before its first turn, as a crash right after the visitor was answered would.
    services.postcards.queue.stop();
    const job = await call<{ id: string; status: string }>('printPostcard', { token: link.token });
    expect(job.status).toBe('queued');
    services.close();
    services = createServices({ dataDir, appVersion: '9.9.9', runtime: 'web', log: createMemoryLogger(), now: () => clock });
    operatorToken = services.sessions.open().token;
    expect(await call('getPrintStatus', { jobId: job.id })).toMatchObject({ status: 'queued', printsLeft: 1 });
    const queue = await call<{ jobs: { id: string; status: string }[] }>('getPrintQueue', {}, true);
    expect(queue.jobs.map((j) => [j.id, j.status])).toEqual([[job.id, 'queued']]);
    // The shell installs its printer (here the PDF printer again) and the job prints.
    services.postcards.setPrinter(createPdfPrinter(services.postcards.store, () => clock));
    await new Promise((r) => setImmediate(r));
    await services.postcards.queue.idle();
    expect(await call('getPrintStatus', { jobId: job.id })).toMatchObject({ status: 'done', printsLeft: 1 });
    expect(totals()['postcard.printed']).toBe(1);
  });
});
