import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManifestSchema } from '../../../../common/pack/manifest';
import { POSTCARD_SETTINGS_DEFAULT } from '../../../../common/postcardSettings';
import { countOf, installFakeKiosk } from '../../../fixtures/packs/fakeKiosk';
import { postcardManifest } from '../../../fixtures/postcard/postcardManifest';
import { toActivePack } from '../../../../src/packs/packApi';
import { useContentPackStore } from '../../../../src/packs/useContentPackStore';
import { runSessionReset } from '../../../../src/shell/sessionReset';
import { useKioskStore } from '../../../../src/stores/useKioskStore';
import type { ComposeJob } from '../../../../src/exhibits/postcard/compose/composeTypes';
import { PRINT_POLL_MS, usePostcardStore } from '../../../../src/exhibits/postcard/usePostcardStore';

// The worker itself is exercised end to end (tests/e2e/postcard.spec.ts); here it answers on cue.
const composed: { job: ComposeJob; resolve: (v: { blob: Blob; ms: number }) => void }[] = [];
vi.mock('../../../../src/exhibits/postcard/compose/composeClient', () => ({
  composeInWorker: (job: ComposeJob) => new Promise((resolve) => composed.push({ job, resolve })),
}));

const TOKEN = 'A'.repeat(43);
const link = (token = TOKEN, printsLeft = 2) => ({
  token,
  url: `http://10.0.0.2:8780/c/${token}`,
  qrSvg: '<svg/>',
  qrPngDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  expiresAt: 1,
  online: true,
  printsLeft,
});
const job = (status: string, reason: string | null = null, printsLeft: number | null = 1) => ({
  id: 'job-1',
  kind: 'card',
  status,
  reason,
  createdAt: 1,
  updatedAt: 2,
  printsLeft,
});

let calls: { method: string; payload: unknown }[];
let statuses: ReturnType<typeof job>[];
let printAnswer: () => unknown;
let saveAnswer: (p: unknown) => unknown;

beforeEach(() => {
  setActivePinia(createPinia());
  composed.length = 0;
  statuses = [];
  printAnswer = () => job('queued');
  saveAnswer = (p) => link((p as { token?: string }).token ?? 'B'.repeat(43));
  ({ calls } = installFakeKiosk({
    getExhibitConfig: () => ({ key: 'postcard', value: { ...POSTCARD_SETTINGS_DEFAULT, expiryHours: 6 }, isDefault: false, updatedAt: 1 }),
    reservePostcard: () => link(),
    savePostcard: (p) => saveAnswer(p),
    printPostcard: () => printAnswer(),
    getPrintStatus: () => statuses.shift() ?? job('printing'),
  }));
  useContentPackStore().active = toActivePack({ manifest: postcardManifest() });
  useKioskStore().state = { timeZone: 'Asia/Shanghai' } as never;
});
afterEach(() => vi.useRealTimers());

const settle = () => new Promise((r) => setTimeout(r, 0));
const saves = () => calls.filter((c) => c.method === 'savePostcard');

/** Scene, frame, two strokes, done: the card is composing. */
async function makeCard() {
  const pc = usePostcardStore();
  await pc.loadSettings();
  pc.go('consent');
  pc.go('scenes');
  pc.pickScene('cranes');
  pc.pickFrame('stamp');
  pc.go('write');
  pc.ink.begin('#c8322b', 0.01, { x: 0.2, y: 0.5, p: 0.5 });
  pc.ink.add([{ x: 0.4, y: 0.5, p: 0.7 }]);
  pc.ink.end();
  void pc.finish();
  await settle();
  return pc;
}

describe('usePostcardStore', () => {
  it('the fixture manifest is valid', () => {
    expect(ManifestSchema.safeParse(postcardManifest()).success).toBe(true);
  });

  it('composes from the pack: scene URL, frame overlay and window, strokes, postmark in the kiosk time zone, the reserved QR', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-18T23:30:00Z')); // already the 19th in Shanghai
    const pc = await makeCard();
    expect(pc.step).toBe('preview');
    expect(composed).toHaveLength(1);
    const j = composed[0]!.job;
    expect(j.picture).toMatch(/postcard\/scenes\/cranes\.jpg/);
    expect(j.overlay).toMatch(/postcard\/frames\/stamp\.png/);
    expect(j.window).toEqual({ x: 0.05, y: 0.08, width: 0.9, height: 0.84 });
    expect(j.mirror).toBe(false);
    expect(j.strokes).toHaveLength(1);
    expect(j.strokes[0]!.color).toBe('#c8322b');
    expect(j.postmark).toEqual({ station: '秦皇岛路码头 · 杨浦滨江', date: '2026.03.19' });
    expect(j.qrPngBase64).toBe('iVBORw0KGgo=');
    expect(j.mime).toBe('image/jpeg');
    // Nothing is saved (or counted) before the visitor chooses QR or print.
    expect(saves()).toHaveLength(0);
    expect(countOf(calls, 'postcard.made')).toBe(0);
  });

  it('QR take-away saves the composed JPEG once into the reserved link; the services count it, not the renderer', async () => {
    const pc = await makeCard();
    composed[0]!.resolve({ blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], { type: 'image/jpeg' }), ms: 12 });
    await settle();
    expect(pc.card?.ms).toBe(12);
    await pc.takeAway();
    expect(pc.step).toBe('takeaway');
    expect(pc.link?.token).toBe(TOKEN);
    expect(saves()).toEqual([
      {
        method: 'savePostcard',
        payload: { imageBase64: btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3)), mime: 'image/jpeg', token: TOKEN },
      },
    ]);
    await pc.print();
    expect(saves()).toHaveLength(1);
    expect(countOf(calls, 'postcard.made')).toBe(0);
  });

  it('print polls the job until done, and tells paper-out and the print limit apart', async () => {
    const pc = await makeCard();
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    vi.useFakeTimers();
    statuses = [job('printing'), job('done')];
    await pc.print();
    expect(pc.error).toBeNull();
    expect(pc.step).toBe('printing');
    await vi.advanceTimersByTimeAsync(PRINT_POLL_MS);
    expect(pc.job?.status).toBe('printing');
    await vi.advanceTimersByTimeAsync(PRINT_POLL_MS);
    expect(pc.job?.status).toBe('done');
    expect(pc.printProblem).toBeNull();
    statuses = [job('failed', 'paper_out')];
    await pc.print();
    await vi.advanceTimersByTimeAsync(PRINT_POLL_MS);
    expect(pc.printProblem).toBe('paper_out');
    printAnswer = () => {
      throw { code: 'CONFLICT', message: 'limit reached' };
    };
    await pc.print();
    expect(pc.printProblem).toBe('limit');
    // The service's "limit reached" also means nothing is left to print: the button turns off.
    expect([pc.printsLeft, pc.printAllowance]).toEqual([0, 'none']);
  });

  it("says kindly, not 'failed', when this hour's cards or prints are used up", async () => {
    const hourly = {
      code: 'CONFLICT',
      message: 'this kiosk has made its 120 cards for this hour',
      reason: 'hourly_limit',
      retryAfterMs: 60_000,
    };
    const pc = await makeCard();
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    saveAnswer = () => {
      throw hourly;
    };
    await pc.takeAway();
    expect([pc.hourlyLimit, pc.error, pc.step]).toEqual([true, null, 'preview']);
    // Saved, then the prints of the hour run out: the card can still be taken by QR.
    saveAnswer = (p) => link((p as { token?: string }).token ?? 'B'.repeat(43));
    await pc.takeAway();
    expect(pc.step).toBe('takeaway');
    printAnswer = () => {
      throw hourly;
    };
    await pc.print();
    expect([pc.printProblem, pc.error, pc.step]).toEqual(['hourly_limit', null, 'printing']);
    pc.reset();
    expect(pc.hourlyLimit).toBe(false);
  });

  it('an idle reset mid-flow discards the card: nothing saved, the late composition dropped, strokes and photo gone', async () => {
    const pc = await makeCard();
    runSessionReset();
    expect(pc.step).toBe('start');
    expect(pc.ink.strokes).toHaveLength(0);
    expect(pc.source).toBeNull();
    composed[0]!.resolve({ blob: new Blob(['late']), ms: 1 });
    await settle();
    expect(pc.card).toBeNull();
    await pc.takeAway();
    expect(saves()).toHaveLength(0);
  });

  it('goes back step by step, but never edits a saved card', async () => {
    const pc = await makeCard();
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    pc.back();
    expect(pc.step).toBe('write');
    pc.back();
    expect(pc.step).toBe('frames');
    pc.back();
    expect(pc.step).toBe('scenes');
    pc.back();
    expect(pc.step).toBe('consent');
    pc.go('write');
    void pc.finish();
    await settle();
    composed[1]!.resolve({ blob: new Blob(['another composed card']), ms: 1 });
    await settle();
    // The second composition reuses the same reservation.
    expect(calls.filter((c) => c.method === 'reservePostcard')).toHaveLength(1);
    await pc.takeAway();
    pc.back();
    expect(pc.step).toBe('preview');
    pc.back();
    expect(pc.step).toBe('preview');
  });

  it('a failed link reservation still makes the card, without the QR printed on it', async () => {
    installFakeKiosk({
      getExhibitConfig: () => ({ key: 'postcard', value: POSTCARD_SETTINGS_DEFAULT, isDefault: true, updatedAt: 1 }),
      reservePostcard: () => {
        throw { code: 'INTERNAL', message: 'disk full' };
      },
      savePostcard: (p) => link((p as { token?: string }).token ?? 'B'.repeat(43)),
    });
    const pc = await makeCard();
    expect(composed).toHaveLength(1);
    expect(composed[0]!.job.qrPngBase64).toBeNull();
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    await pc.takeAway();
    expect(pc.link?.token).toBe('B'.repeat(43));
  });

  it('ignores unknown scenes and frames; without take-away the card carries no QR and nothing is reserved', async () => {
    installFakeKiosk({
      getExhibitConfig: () => ({
        key: 'postcard',
        value: { ...POSTCARD_SETTINGS_DEFAULT, takeaway: { ...POSTCARD_SETTINGS_DEFAULT.takeaway, enabled: false } },
        isDefault: false,
        updatedAt: 1,
      }),
    });
    const pc = usePostcardStore();
    pc.pickScene('nope');
    expect(pc.source).toBeNull();
    pc.pickFrame('nope');
    expect(pc.frame?.id).toBe('stamp');
    await makeCard();
    expect(pc.canTakeAway).toBe(false);
    expect(composed[0]!.job.qrPngBase64).toBeNull();
  });

  it('shows the prints left as the service counts them, and stops offering print at 0 or when printing is off', async () => {
    ({ calls } = installFakeKiosk({
      getExhibitConfig: () => ({ key: 'postcard', value: { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 2 }, isDefault: false, updatedAt: 1 }),
      reservePostcard: () => link(TOKEN, 2),
      savePostcard: () => link(TOKEN, 1),
      printPostcard: () => printAnswer(),
      getPrintStatus: () => statuses.shift() ?? job('printing'),
    }));
    const pc = await makeCard();
    expect([pc.printsLeft, pc.printAllowance]).toEqual([2, 'ok']);
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    await pc.takeAway();
    expect(pc.printsLeft).toBe(1); // the service's count, not the setting's
    vi.useFakeTimers();
    printAnswer = () => job('queued', null, 0);
    await pc.print();
    expect([pc.printsLeft, pc.printAllowance, pc.canPrint]).toEqual([0, 'none', false]);
    const prints = () => calls.filter((c) => c.method === 'printPostcard').length;
    await pc.print(); // nothing left: not even asked
    expect(prints()).toBe(1);
    // The page failed and was given back (or the operator raised the limit): the next answer says so.
    statuses = [job('failed', 'paper_out', 1)];
    await vi.advanceTimersByTimeAsync(PRINT_POLL_MS);
    expect([pc.printProblem, pc.printsLeft, pc.printAllowance]).toEqual(['paper_out', 1, 'ok']);
    // The service refuses: printing was turned off after this screen loaded the settings.
    printAnswer = () => {
      throw { code: 'FORBIDDEN', message: 'printing is turned off on this kiosk' };
    };
    await pc.print();
    expect([pc.printAllowance, pc.canPrint, pc.error]).toEqual(['off', false, null]);
    // The next visitor starts from the setting again.
    pc.reset();
    expect([pc.printsLeft, pc.printAllowance]).toEqual([2, 'ok']);
  });

  it('with printLimit 0 the print step says printing is off and never asks the service to print', async () => {
    installFakeKiosk({
      getExhibitConfig: () => ({ key: 'postcard', value: { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 0 }, isDefault: false, updatedAt: 1 }),
      reservePostcard: () => link(TOKEN, 0),
      printPostcard: () => {
        throw new Error('must not be called');
      },
    });
    const pc = await makeCard();
    composed[0]!.resolve({ blob: new Blob(['a composed card']), ms: 1 });
    await settle();
    expect([pc.printsLeft, pc.printAllowance]).toEqual([0, 'off']);
    await pc.print();
    expect([pc.step, pc.error, pc.job]).toEqual(['preview', null, null]);
  });
});
