import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../../../node/server/alerts/evaluateAlerts';
import { uptimeCsv, uptimeReport } from '../../../../../node/server/alerts/uptimeReport';

const NOV = Date.parse('2026-11-01T00:00:00+08:00');
const DEC = Date.parse('2026-12-01T00:00:00+08:00');
const H = 3600_000;
const ev = (kioskId: string, transition: 'raised' | 'cleared', at: number): AlertEvent => ({
  kind: 'kiosk_down',
  stationId: 'qhd',
  kioskId,
  subject: '',
  since: at,
  detail: '',
  transition,
  at,
});

describe('uptimeReport', () => {
  const kiosks = [
    { stationId: 'qhd', kioskId: 'a' },
    { stationId: 'qhd', kioskId: 'b' },
    { stationId: 'runners', kioskId: 'c' },
  ];

  it('sums down spells within the month, cutting spells at its edges', () => {
    const events = [
      ev('a', 'raised', NOV - 2 * H), // began in October: only the November part counts
      ev('a', 'cleared', NOV + 1 * H),
      ev('a', 'raised', NOV + 10 * H),
      ev('a', 'cleared', NOV + 13 * H),
      ev('b', 'raised', DEC - 1 * H), // still down at the month's end
      { ...ev('a', 'raised', NOV + 20 * H), kind: 'camera_error' as const }, // not an outage
    ];
    const r = uptimeReport(events, kiosks, NOV, DEC);
    const span = DEC - NOV;
    expect(r.kiosks).toEqual([
      { stationId: 'qhd', kioskId: 'a', downMs: 4 * H, incidents: 2, uptime: 1 - (4 * H) / span },
      { stationId: 'qhd', kioskId: 'b', downMs: 1 * H, incidents: 1, uptime: 1 - H / span },
      { stationId: 'runners', kioskId: 'c', downMs: 0, incidents: 0, uptime: 1 },
    ]);
    expect(r.stations[0]).toEqual({ stationId: 'qhd', kiosks: 2, uptime: 1 - (2.5 * H) / span, incidents: 3 });
    expect(uptimeCsv(r).split('\n')[1]).toBe(`kiosk,qhd,a,${((1 - (4 * H) / span) * 100).toFixed(3)},240.0,2`);
  });

  it('refuses an empty period', () => {
    expect(() => uptimeReport([], kiosks, DEC, NOV)).toThrow(/end after it starts/);
  });
});
