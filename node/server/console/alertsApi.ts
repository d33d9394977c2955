import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Alerts, UptimeAnswer } from '../../../common/consoleAlertsApi';
import { alertEvents, openAlerts } from '../alerts/alertStore';
import { uptimeCsv, uptimeReport } from '../alerts/uptimeReport';
import type { Db } from '../db/Db';
import { HttpError, issuesOf, send } from '../http/respond';
import type { ConsoleUser } from './sessions';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2026-11-23');
const EventsQuery = z
  .object({ from: Day.optional(), to: Day.optional(), limit: z.coerce.number().int().min(1).max(5000).default(500) })
  .strict();
const MonthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11') }).strict();

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The console's fleet alerts: what is alerting now with the recent events (and what each delivery answered), and
 * the monthly uptime report (JSON or CSV) from the kiosk_down events. Months are UTC calendar months; the current
 * month is reported up to now (an open outage has not lasted into the rest of the month yet), a month not begun is
 * refused. Station accounts see their own station only. Returns false for paths it does not serve.
 */
export function createAlertsApi(o: { db: Db; now: () => number }) {
  const query = <T extends z.ZodType>(schema: T, url: URL): z.infer<T> => {
    const p = schema.safeParse(Object.fromEntries(url.searchParams));
    if (!p.success) throw new HttpError(400, 'invalid query', { issues: issuesOf(p.error) });
    return p.data;
  };

  return async (req: IncomingMessage, res: ServerResponse, url: URL, path: string, user: () => Promise<ConsoleUser>): Promise<boolean> => {
    if (req.method !== 'GET' || !(path === '/alerts' || path === '/alerts/uptime' || path === '/alerts/uptime.csv')) return false;
    const u = await user();
    const stationId = u.role === 'station' ? u.stationId : null;
    if (path === '/alerts') {
      const q = query(EventsQuery, url);
      const events = await alertEvents(o.db, {
        from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
        to: q.to ? new Date(`${q.to}T00:00:00Z`) : undefined,
        stationId,
        limit: q.limit,
      });
      send(res, 200, {
        open: (await openAlerts(o.db, stationId)).map((a) => ({ ...a, since: iso(a.since) })),
        events: events.map((e) => ({ ...e, at: iso(e.at), since: iso(e.since) })),
      } satisfies Alerts);
      return true;
    }
    const { month } = query(MonthQuery, url);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const from = Date.UTC(y, m - 1, 1);
    const to = Math.min(Date.UTC(y, m, 1), o.now());
    if (!(to > from)) throw new HttpError(400, `the month ${month} has not begun`);
    const kiosks = (
      await o.db.query<{ id: string; station_id: string }>(
        'SELECT id, station_id FROM kiosks WHERE $1::text IS NULL OR station_id = $1 ORDER BY station_id, id',
        [stationId],
      )
    ).map((k) => ({ stationId: k.station_id, kioskId: k.id }));
    // Spells that began before the month count from its first moment: every earlier down event is needed.
    const events = await alertEvents(o.db, { to: new Date(to), stationId, kind: 'kiosk_down', limit: 1_000_000 });
    const report = uptimeReport(events, kiosks, from, to);
    if (path === '/alerts/uptime') {
      send(res, 200, { month, ...report, from: iso(from), to: iso(to) } satisfies UptimeAnswer);
      return true;
    }
    const text = `\uFEFF${uptimeCsv(report).replace(/\n/g, '\r\n')}`;
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="uptime-${month}.csv"`,
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    });
    res.end(text);
    return true;
  };
}
