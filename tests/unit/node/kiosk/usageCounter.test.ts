import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../node/kiosk/db/openDatabase';
import { createUsageCounter } from '../../../../node/kiosk/usageCounter';
import { createMemoryLogger } from '../../../../node/kiosk/logger';
import { localDayRange } from '../../../../common/time';
import { makeTempDir } from '../../../fixtures/tempDir';

let db: Db;
let cleanup = (): void => {};
afterEach(() => {
  db?.close();
  cleanup();
});

function counter(kiosk = 'kiosk-a') {
  const t = makeTempDir();
  cleanup = t.cleanup;
  db = openDatabase(join(t.dir, 'kiosk.db'), { log: createMemoryLogger() });
  return createUsageCounter(db, () => kiosk);
}

const sh = (local: string): number => Date.parse(`${local}+08:00`);

describe('usage counter', () => {
  it('aggregates into one bucket per metric and hour, splitting exactly at the hour boundary', () => {
    const c = counter();
    c.record('session.started', 1, sh('2026-11-23T10:00:00'));
    c.record('session.started', 2, sh('2026-11-23T10:59:59.999'));
    c.record('session.started', 1, sh('2026-11-23T11:00:00'));
    c.record('language.switched', 1, sh('2026-11-23T10:30:00'));
    const rows = c.buckets(sh('2026-11-23T00:00:00'), sh('2026-11-24T00:00:00'));
    expect(rows).toEqual([
      { kioskId: 'kiosk-a', metric: 'language.switched', hourStart: sh('2026-11-23T10:00:00'), value: 1, revision: 1 },
      { kioskId: 'kiosk-a', metric: 'session.started', hourStart: sh('2026-11-23T10:00:00'), value: 3, revision: 2 },
      { kioskId: 'kiosk-a', metric: 'session.started', hourStart: sh('2026-11-23T11:00:00'), value: 1, revision: 1 },
    ]);
    // Only aggregates are stored: no per-visitor rows.
    expect(db.prepare('SELECT count(*) AS n FROM usage_buckets').get()).toEqual({ n: 3 });
  });

  it('attributes counts to the Asia/Shanghai local day, not the UTC day', () => {
    const c = counter();
    c.record('session.started', 1, sh('2026-11-23T00:30:00')); // 16:30 UTC on the 22nd
    c.record('session.started', 1, sh('2026-11-23T23:59:00'));
    c.record('session.started', 1, sh('2026-11-24T00:00:00'));
    const [from, to] = localDayRange('2026-11-23', 'Asia/Shanghai');
    expect(c.totals(from, to)).toEqual({ 'session.started': 2 });
    const hourly = c.hourlyForDay('session.started', '2026-11-23', 'Asia/Shanghai');
    expect(hourly).toHaveLength(24);
    expect(hourly[0]).toEqual({ hourStart: sh('2026-11-23T00:00:00'), value: 1 });
    expect(hourly[23]).toEqual({ hourStart: sh('2026-11-23T23:00:00'), value: 1 });
    expect(hourly.reduce((a, h) => a + h.value, 0)).toBe(2);
  });

  it('refuses non-positive or fractional amounts and invalid times', () => {
    const c = counter();
    expect(() => c.record('session.started', 0)).toThrow(RangeError);
    expect(() => c.record('session.started', 1.5)).toThrow(RangeError);
    expect(() => c.record('session.started', 1, new Date('nope'))).toThrow(/invalid time/);
    expect(db.prepare('SELECT count(*) AS n FROM usage_buckets').get()).toEqual({ n: 0 });
  });

  it('runs hooks in the same transaction: a failing hook rolls the count back', () => {
    const c = counter();
    const seen: number[] = [];
    c.onRecordInTransaction((b) => {
      seen.push(b.revision);
      if (b.revision === 2) throw new Error('outbox full');
    });
    c.record('session.started', 1, sh('2026-11-23T10:00:00'));
    expect(() => c.record('session.started', 1, sh('2026-11-23T10:10:00'))).toThrow('outbox full');
    expect(c.buckets(0, Number.MAX_SAFE_INTEGER)).toEqual([expect.objectContaining({ value: 1, revision: 1 })]);
    expect(seen).toEqual([1, 2]);
  });

  it('keeps buckets per kiosk id', () => {
    const c = counter('kiosk-b');
    c.record('session.started', 5, sh('2026-11-23T12:00:00'));
    expect(c.buckets(0, Number.MAX_SAFE_INTEGER)[0]?.kioskId).toBe('kiosk-b');
  });
});
