import { expect } from 'vitest';
import type { Queryable } from '../../../../node/server/db/Db';

/**
 * The rollups the ingest keeps in its transactions must equal what the hourly buckets say: each kiosk's station-local
 * days, and the station's hours and days over its kiosks. Compared as sorted text rows, so a missing, extra or wrong
 * row shows in the diff.
 */
export async function expectRollupsMatch(db: Queryable): Promise<void> {
  const rows = async (sql: string): Promise<string[]> =>
    (await db.query<{ r: string }>(`SELECT r FROM (${sql}) q(r) ORDER BY r`)).map((x) => x.r);
  const pairs: [string, string, string][] = [
    [
      'kiosk days',
      `SELECT concat_ws('|', station_id, kiosk_id, day, metric, value) FROM daily_totals WHERE value <> 0`,
      `SELECT concat_ws('|', b.station_id, b.kiosk_id, (b.hour AT TIME ZONE s.time_zone)::date, b.metric, sum(b.value))
         FROM buckets b JOIN stations s ON s.id = b.station_id
        GROUP BY b.station_id, b.kiosk_id, (b.hour AT TIME ZONE s.time_zone)::date, b.metric HAVING sum(b.value) <> 0`,
    ],
    [
      'station hours',
      `SELECT concat_ws('|', station_id, hour, metric, value) FROM station_hourly_totals WHERE value <> 0`,
      `SELECT concat_ws('|', station_id, hour, metric, sum(value)) FROM buckets GROUP BY station_id, hour, metric HAVING sum(value) <> 0`,
    ],
    [
      'station days',
      `SELECT concat_ws('|', station_id, day, metric, value) FROM station_daily_totals WHERE value <> 0`,
      `SELECT concat_ws('|', station_id, day, metric, sum(value)) FROM daily_totals GROUP BY station_id, day, metric HAVING sum(value) <> 0`,
    ],
  ];
  for (const [what, kept, truth] of pairs) expect({ what, rows: await rows(kept) }).toEqual({ what, rows: await rows(truth) });
}
