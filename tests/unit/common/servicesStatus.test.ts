import { describe, expect, it } from 'vitest';
import { outOfUseOn, withOutOfUse } from '../../../common/servicesStatus';

describe('services out of use today', () => {
  it('holds on the day it was set and reads empty on any other', () => {
    const stored = { day: '2026-03-14', ids: ['nursing-room'] };
    expect(outOfUseOn(stored, '2026-03-14')).toEqual(['nursing-room']);
    expect(outOfUseOn(stored, '2026-03-15')).toEqual([]);
    expect(outOfUseOn({ day: null, ids: [] }, '2026-03-14')).toEqual([]);
  });

  it('switches one service on or off, dropping an earlier day', () => {
    const stored = { day: '2026-03-14', ids: ['seats'] };
    expect(withOutOfUse(stored, '2026-03-14', { serviceId: 'nursing-room', outOfUse: true })).toEqual({
      day: '2026-03-14',
      ids: ['nursing-room', 'seats'],
    });
    expect(withOutOfUse(stored, '2026-03-14', { serviceId: 'seats', outOfUse: false })).toEqual({ day: '2026-03-14', ids: [] });
    expect(withOutOfUse(stored, '2026-03-15', { serviceId: 'nursing-room', outOfUse: true })).toEqual({
      day: '2026-03-15',
      ids: ['nursing-room'],
    });
  });
});
