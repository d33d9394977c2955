import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useKioskStore } from '../../../src/stores/useKioskStore';
import { useOpeningStore } from '../../../src/stores/useOpeningStore';
import { installFakeKioskState } from '../fakeKioskState';

describe('useOpeningStore', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.useRealTimers());

  it('is closed before 10:00 in Shanghai and opens at 10:00 exactly, without waiting for the 30 s re-check', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-18T09:59:50+08:00') });
    installFakeKioskState();
    await useKioskStore().refresh();
    const opening = useOpeningStore();
    opening.start();
    expect(opening.open).toBe(false);
    vi.advanceTimersByTime(9_000);
    expect(opening.open).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(opening.open).toBe(true);
    opening.stop();
  });

  it('re-checks every 30 s, so a clock that jumps (NTP, an operator fixing the time) is picked up', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-18T12:00:00+08:00') });
    installFakeKioskState();
    await useKioskStore().refresh();
    const opening = useOpeningStore();
    opening.start();
    expect(opening.open).toBe(true);
    vi.setSystemTime(new Date('2026-03-18T23:00:00+08:00'));
    vi.advanceTimersByTime(30_000);
    expect(opening.open).toBe(false);
    expect(opening.state?.changesAt).toBe(new Date('2026-03-19T10:00:00+08:00').getTime());
    opening.stop();
  });

  it('follows new settings at once (hours and time zone come from the kiosk state)', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-18T21:00:00+08:00') });
    const fake = installFakeKioskState();
    const kiosk = useKioskStore();
    await kiosk.refresh();
    const opening = useOpeningStore();
    opening.start();
    expect(opening.open).toBe(false);
    fake.state.openingHours = { ...fake.state.openingHours, wed: { open: '10:00', close: '22:00' } };
    await kiosk.refresh();
    expect(opening.open).toBe(true);
    opening.stop();
  });
});
