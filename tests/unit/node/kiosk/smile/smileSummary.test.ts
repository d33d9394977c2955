import { afterEach, describe, expect, it } from 'vitest';
import { SmileSummarySchema } from '../../../../../common/smileSummary';
import { SMILE_SETTINGS_DEFAULT } from '../../../../../common/smileSettings';
import { shippedSmileCorrection } from '../../../../../common/smile/smileModel';
import { roganGladen } from '../../../../../common/smileShare';
import { createHandlers } from '../../../../../node/kiosk/api/createHandlers';
import { createDispatcher } from '../../../../../node/kiosk/api/dispatcher';
import { createMemoryLogger } from '../../../../../node/kiosk/logger';
import { createServices, type Services } from '../../../../../node/kiosk/services';
import { querySmileSummary } from '../../../../../node/kiosk/smile/smileSummary';
import { tempDir } from '../../../../fixtures/upload/kioskHarness';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Kiosk services on a fresh data folder whose clock the test moves (`clock.now = ...`). */
function kiosk(start: number): { s: Services; clock: { now: number } } {
  const t = tempDir('smile-summary-');
  const clock = { now: start };
  const s = createServices({ dataDir: t.dir, appVersion: 't', runtime: 'web', log: createMemoryLogger(), now: () => clock.now });
  cleanups.push(t.cleanup, () => s.close());
  return { s, clock };
}

const TZ = 'Asia/Shanghai';
const at = (local: string): number => Date.parse(`${local}+08:00`);
/** The shipped model's correction of an observed share. */
const corrected = (q: number) => roganGladen(q, shippedSmileCorrection.sensitivity, shippedSmileCorrection.specificity);
const summary = (s: Services, now: number, tz = TZ) => querySmileSummary(s.db, { now, timeZone: tz, settings: SMILE_SETTINGS_DEFAULT });

describe('the smile meter summary, in the kiosk time zone', () => {
  it("today: visitors, smiling, shares and the lift in points, at the station's own figures (21 % in, 86.7 % out)", () => {
    const { s } = kiosk(at('2026-03-18T10:00:00'));
    s.counter.record('smile.entry.visitors', 100, at('2026-03-18T09:10:00'));
    s.counter.record('smile.entry.smiling', 21, at('2026-03-18T09:20:00'));
    s.counter.record('smile.exit.visitors', 30, at('2026-03-18T09:40:00'));
    s.counter.record('smile.exit.smiling', 26, at('2026-03-18T09:50:00'));
    const out = summary(s, at('2026-03-18T10:00:00'));
    expect(SmileSummarySchema.parse(out)).toEqual(out);
    expect(out.date).toBe('2026-03-18');
    expect(out.today.entry).toMatchObject({ visitors: 100, smiling: 21, share: 0.21 });
    expect(out.today.exit.visitors).toBe(30);
    expect(out.today.exit.share).toBeCloseTo(26 / 30, 12);
    // Corrected with the shipped model's error, and today's figures carry their 95 % interval.
    expect(out.correction).toEqual(shippedSmileCorrection);
    expect(out.today.entry.correctedShare).toBeCloseTo(corrected(0.21), 12);
    expect(out.today.exit.correctedShare).toBeCloseTo(corrected(26 / 30), 12);
    expect(out.today.entry.interval!.low).toBeLessThan(out.today.entry.correctedShare!);
    expect(out.today.entry.interval!.high).toBeGreaterThan(out.today.entry.correctedShare!);
    // The lift is between the shares shown: the corrected ones.
    expect(out.today.liftPoints).toBeCloseTo((corrected(26 / 30) - corrected(0.21)) * 100, 9);
    expect(out.enabled).toBe(true);
    expect(out.cameras).toEqual({ entry: true, exit: true });
  });

  it('no visitors: every share and the lift are null, never 0', () => {
    const { s } = kiosk(at('2026-03-18T10:00:00'));
    s.counter.record('smile.entry.visitors', 5, at('2026-03-18T09:10:00'));
    const out = summary(s, at('2026-03-18T10:00:00'));
    expect(out.today.entry).toMatchObject({ visitors: 5, smiling: 0, share: 0, correctedShare: 0 });
    expect(out.today.exit).toEqual({ visitors: 0, smiling: 0, share: null, correctedShare: null, interval: null });
    expect(out.today.liftPoints).toBeNull();
    expect(out.hourly.find((h) => h.hour === 9)?.entry.share).toBe(0);
    expect(out.hourly.find((h) => h.hour === 10)?.entry.share).toBeNull();
    const none = { visitors: 0, smiling: 0, share: null, correctedShare: null, interval: null };
    expect(out.days[0]).toEqual({ date: '2026-03-12', entry: none, exit: none, liftPoints: null });
  });

  it('24 local hours of today in order, each count in its local hour (not its UTC hour)', () => {
    const { s } = kiosk(at('2026-03-18T23:30:00'));
    s.counter.record('smile.entry.visitors', 3, at('2026-03-18T00:05:00')); // 17-Mar 16:05 UTC
    s.counter.record('smile.entry.smiling', 1, at('2026-03-18T00:59:59'));
    s.counter.record('smile.exit.visitors', 4, at('2026-03-18T23:10:00'));
    s.counter.record('smile.exit.smiling', 4, at('2026-03-18T23:11:00'));
    const out = summary(s, at('2026-03-18T23:30:00'));
    expect(out.hourly.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(out.hourly[0]).toMatchObject({
      start: Date.parse('2026-03-17T16:00:00Z'),
      entry: { visitors: 3, smiling: 1 },
      exit: { visitors: 0, share: null },
    });
    expect(out.hourly[0]?.entry.share).toBeCloseTo(1 / 3, 12);
    expect(out.hourly[23]).toMatchObject({ exit: { visitors: 4, smiling: 4, share: 1 }, entry: { share: null }, liftPoints: null });
    expect(out.hourly.slice(1, 23).every((h) => h.entry.visitors === 0 && h.exit.visitors === 0)).toBe(true);
  });

  it("across local midnight: yesterday's counts move to the week, today starts from nothing", () => {
    const { s, clock } = kiosk(at('2026-03-18T23:59:00'));
    const { getSmileSummary } = createHandlers(s);
    s.counter.record('smile.entry.visitors', 10, at('2026-03-18T23:58:00'));
    s.counter.record('smile.entry.smiling', 5, at('2026-03-18T23:58:30'));
    const before = SmileSummarySchema.parse(getSmileSummary({}, {}));
    expect(before.date).toBe('2026-03-18');
    expect(before.today.entry).toMatchObject({ visitors: 10, smiling: 5, share: 0.5 });

    clock.now = at('2026-03-19T00:00:30');
    s.counter.record('smile.entry.visitors', 2, clock.now);
    const after = SmileSummarySchema.parse(getSmileSummary({}, {}));
    expect(after.date).toBe('2026-03-19');
    expect(after.today.entry).toMatchObject({ visitors: 2, smiling: 0, share: 0 });
    expect(after.days.map((d) => d.date)).toEqual([
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
    ]);
    // Days and hours carry the corrected share but no interval (only today's figures are shown with one).
    expect(after.days[5]?.entry).toEqual({ visitors: 10, smiling: 5, share: 0.5, correctedShare: corrected(0.5), interval: null });
    expect(after.days[6]?.entry.visitors).toBe(2);
  });

  it('the last seven local days: a count eight days ago is left out, each day has its own shares and lift', () => {
    const { s } = kiosk(at('2026-03-18T12:00:00'));
    s.counter.record('smile.entry.visitors', 50, at('2026-03-11T23:00:00')); // 8 days ago: outside
    s.counter.record('smile.entry.visitors', 20, at('2026-03-12T00:00:00')); // the first of the seven
    s.counter.record('smile.entry.smiling', 5, at('2026-03-12T00:10:00'));
    s.counter.record('smile.exit.visitors', 10, at('2026-03-12T18:00:00'));
    s.counter.record('smile.exit.smiling', 9, at('2026-03-12T18:10:00'));
    const out = summary(s, at('2026-03-18T12:00:00'));
    expect(out.days).toHaveLength(7);
    expect(out.days[0]).toMatchObject({
      date: '2026-03-12',
      entry: { visitors: 20, smiling: 5, share: 0.25 },
      exit: { visitors: 10, smiling: 9, share: 0.9 },
    });
    expect(out.days[0]?.liftPoints).toBeCloseTo((corrected(0.9) - corrected(0.25)) * 100, 9);
    expect(out.days.reduce((n, d) => n + d.entry.visitors, 0)).toBe(20);
    expect(out.today.entry.visitors).toBe(0);
  });

  it("a threshold setting other than the model's: no correction (the model's error was measured at its own), raw shares", () => {
    const { s } = kiosk(at('2026-03-18T10:00:00'));
    s.counter.record('smile.entry.visitors', 100, at('2026-03-18T09:10:00'));
    s.counter.record('smile.entry.smiling', 21, at('2026-03-18T09:20:00'));
    s.counter.record('smile.exit.visitors', 30, at('2026-03-18T09:40:00'));
    s.counter.record('smile.exit.smiling', 26, at('2026-03-18T09:50:00'));
    const out = querySmileSummary(s.db, {
      now: at('2026-03-18T10:00:00'),
      timeZone: TZ,
      settings: { ...SMILE_SETTINGS_DEFAULT, threshold: 0.6 },
    });
    expect(SmileSummarySchema.parse(out)).toEqual(out);
    expect(out.correction).toBeNull();
    expect(out.today.entry).toEqual({ visitors: 100, smiling: 21, share: 0.21, correctedShare: null, interval: null });
    expect(out.today.liftPoints).toBeCloseTo((26 / 30 - 0.21) * 100, 9);
  });

  it('follows the settings: the meter off and a camera role off are reported', () => {
    const { s } = kiosk(at('2026-03-18T12:00:00'));
    const settings = {
      ...SMILE_SETTINGS_DEFAULT,
      enabled: false,
      cameras: { ...SMILE_SETTINGS_DEFAULT.cameras, exit: { ...SMILE_SETTINGS_DEFAULT.cameras.exit, enabled: false } },
    };
    s.exhibitConfig.set('smile', settings);
    const out = SmileSummarySchema.parse(createHandlers(s).getSmileSummary({}, {}));
    expect(out.enabled).toBe(false);
    expect(out.cameras).toEqual({ entry: true, exit: false });
  });

  it('another zone with daylight saving: a 23-hour local day has 23 hourly points', () => {
    const { s } = kiosk(Date.parse('2026-03-29T12:00:00Z'));
    // Europe/Berlin springs forward on 29 March 2026 (02:00 -> 03:00).
    const out = summary(s, Date.parse('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(out.hourly).toHaveLength(23);
    expect(out.hourly.map((h) => h.hour)).not.toContain(2);
  });

  it('is a public channel answering through the dispatcher with a valid response', async () => {
    const { s } = kiosk(Date.now());
    s.counter.record('smile.exit.visitors', 3, Date.now());
    const dispatcher = createDispatcher(createHandlers(s), () => false, s.log);
    const res = await dispatcher.dispatch('getSmileSummary', { payload: {} });
    expect(res.ok).toBe(true);
    expect(res.ok && (res.value as { today: { exit: { visitors: number } } }).today.exit.visitors).toBe(3);
  });
});

describe('the camera health the big screen shows', () => {
  const camera = (role: 'entry' | 'exit', state: 'running' | 'retrying') => ({
    role,
    state,
    backend: 'wasm' as const,
    source: 'camera' as const,
    deviceLabel: 'USB cam',
    fps: 12,
    framesProcessed: 100,
    facesDescribed: 7,
    visitors: 3,
    smiling: 1,
    numTensors: 20,
    retries: 0,
    lastError: null,
    since: 0,
  });

  it("each role's reported state; stale when the meter should run and nothing was reported", () => {
    const { s, clock } = kiosk(at('2026-03-18T12:00:00'));
    const get = () => SmileSummarySchema.parse(createHandlers(s).getSmileSummary({}, {}));
    expect(get().health).toEqual({ stale: true, entry: null, exit: null });
    s.smileStatus.report({ enabled: true, cameras: [camera('entry', 'running'), camera('exit', 'retrying')] });
    expect(get().health).toEqual({ stale: false, entry: 'running', exit: 'retrying' });
    clock.now += 60_000;
    expect(get().health).toEqual({ stale: true, entry: 'running', exit: 'retrying' });
  });
});
