import type { StationUptime, UptimeRow } from '../../../common/consoleAlertsApi';
import { alertKey, type AlertEvent } from './evaluateAlerts';

export type { UptimeRow };

export interface UptimeReport {
  from: number;
  to: number;
  kiosks: UptimeRow[];
  stations: StationUptime[];
}

/**
 * Uptime per kiosk and station over [from, to) from the kiosk_down events: a spell runs from its `raised` event to
 * its `cleared` event, or to the period's end while still open. Kiosks with no events were up throughout.
 */
export function uptimeReport(
  events: readonly AlertEvent[],
  kiosks: readonly { stationId: string; kioskId: string }[],
  from: number,
  to: number,
): UptimeReport {
  if (!(to > from)) throw new Error('the report period must end after it starts');
  const span = to - from;
  const spells = new Map<string, { start: number; end: number }[]>();
  const openSpell = new Map<string, number>();
  const sorted = events.filter((e) => e.kind === 'kiosk_down').sort((a, b) => a.at - b.at);
  for (const e of sorted) {
    const key = alertKey(e);
    if (e.transition === 'raised') {
      if (!openSpell.has(key)) openSpell.set(key, e.at);
    } else {
      const start = openSpell.get(key);
      openSpell.delete(key);
      if (start !== undefined) (spells.get(e.kioskId) ?? spells.set(e.kioskId, []).get(e.kioskId)!).push({ start, end: e.at });
    }
  }
  for (const [key, start] of openSpell) {
    const kioskId = key.split(':')[1] as string;
    (spells.get(kioskId) ?? spells.set(kioskId, []).get(kioskId)!).push({ start, end: Infinity });
  }
  const rows: UptimeRow[] = kiosks.map((k) => {
    let downMs = 0;
    let incidents = 0;
    for (const s of spells.get(k.kioskId) ?? []) {
      const overlap = Math.min(s.end, to) - Math.max(s.start, from);
      if (overlap > 0) {
        downMs += overlap;
        incidents++;
      }
    }
    return { ...k, downMs, incidents, uptime: 1 - downMs / span };
  });
  const byStation = new Map<string, UptimeRow[]>();
  for (const r of rows) (byStation.get(r.stationId) ?? byStation.set(r.stationId, []).get(r.stationId)!).push(r);
  const stations = [...byStation].map(([stationId, rs]) => ({
    stationId,
    kiosks: rs.length,
    uptime: rs.reduce((n, r) => n + r.uptime, 0) / rs.length,
    incidents: rs.reduce((n, r) => n + r.incidents, 0),
  }));
  return { from, to, kiosks: rows, stations };
}

/** The report as CSV (one row per kiosk, then one per station), for the console's export. */
export function uptimeCsv(r: UptimeReport): string {
  const lines = ['scope,station,kiosk,uptime_percent,down_minutes,incidents'];
  for (const k of r.kiosks)
    lines.push(`kiosk,${k.stationId},${k.kioskId},${(k.uptime * 100).toFixed(3)},${(k.downMs / 60_000).toFixed(1)},${k.incidents}`);
  for (const s of r.stations) lines.push(`station,${s.stationId},,${(s.uptime * 100).toFixed(3)},,${s.incidents}`);
  return `${lines.join('\n')}\n`;
}
