import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../../../../web/console/api';
import { createConsoleI18n } from '../../../../../web/console/i18n';
import AlertsView from '../../../../../web/console/views/AlertsView.vue';
import { fakeConsoleApi, session } from '../fakeConsoleApi';

const MONTH = new Date().toISOString().slice(0, 7);
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const event = (id: number, transition: 'raised' | 'cleared', deliveries: unknown[]) => ({
  id,
  kind: 'kiosk_down',
  stationId: 'qhd-wharf',
  kioskId: 'entry-a',
  subject: '',
  transition,
  at: ago(id * 60_000),
  since: ago(3_600_000),
  detail: 'no heartbeat for 6 min',
  deliveries,
});
/** `to`: the report's end, the next month's first moment for a month that is over (the server's answer). */
const uptime = (month: string, uptimeA: number, to: string) => ({
  body: {
    month,
    from: `${month}-01T00:00:00.000Z`,
    to,
    kiosks: [
      { stationId: 'qhd-wharf', kioskId: 'entry-a', downMs: 90 * 60_000, incidents: 2, uptime: uptimeA },
      { stationId: 'qhd-wharf', kioskId: 'exit-b', downMs: 0, incidents: 0, uptime: 1 },
    ],
    stations: [{ stationId: 'qhd-wharf', kiosks: 2, uptime: (uptimeA + 1) / 2, incidents: 2 }],
  },
});

function alertsApi() {
  return fakeConsoleApi({
    'GET /me': session('station'),
    'GET /alerts': {
      body: {
        open: [
          {
            kind: 'camera_error',
            stationId: 'qhd-wharf',
            kioskId: 'exit-b',
            subject: 'exit',
            since: ago((2 * 3600 + 5 * 60 + 10) * 1000),
            detail: 'no frames',
          },
        ],
        events: [
          event(1, 'cleared', [
            { channel: 'webhook', ok: true, error: null },
            { channel: 'email', ok: false, error: '535 authentication failed' },
          ]),
          event(2, 'raised', []),
        ],
      },
    },
    [`GET /alerts/uptime?month=${MONTH}`]: uptime(MONTH, 0.9979, `${MONTH}-15T09:30:00.000Z`),
    'GET /alerts/uptime?month=2026-11': uptime('2026-11', 0.5, '2026-12-01T00:00:00.000Z'),
  });
}

async function mountPage() {
  await api.restore();
  const w = mount(AlertsView, { global: { plugins: [createConsoleI18n('en')] } });
  await flushPromises();
  return w;
}

describe('AlertsView', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('shows open alerts with how long, the event log with what each channel answered, and the month of uptime', async () => {
    alertsApi();
    const w = await mountPage();
    expect(w.get('[data-testid="alerts-status"]').text()).toBe('1 alert(s)');
    const open = w.get('[data-testid="open-camera_error-exit-b"]');
    expect(open.get('[data-testid="cell-kind"]').text()).toBe('camera in error (exit)');
    expect(open.get('[data-testid="cell-for"]').text()).toBe('2 h 5 min');
    expect(w.findAll('[data-testid^="event-"]').map((r) => r.attributes('data-testid'))).toEqual(['event-1', 'event-2']);
    expect(w.get('[data-testid="event-1"] [data-testid="cell-transition"]').text()).toBe('cleared');
    expect(w.findAll('[data-testid="event-1"] [data-testid="cell-deliveries"] span').map((s) => s.text())).toEqual([
      'webhook: delivered',
      'e-mail: failed (535 authentication failed)',
    ]);
    expect(w.get('[data-testid="event-2"] [data-testid="cell-deliveries"]').text()).toBe('not sent (no channel set)');
    const a = w.get('[data-testid="uptime-kiosk-entry-a"]');
    expect(a.get('[data-testid="cell-uptime"]').text()).toBe('99.79%');
    expect(a.get('[data-testid="cell-down"]').text()).toBe('90');
    expect(a.get('[data-testid="cell-incidents"]').text()).toBe('2');
    expect(w.get('[data-testid="uptime-station-qhd-wharf"] [data-testid="cell-uptime"]').text()).toBe('99.90%');
    expect(w.get('[data-testid="uptime-csv"]').attributes('href')).toBe(`/console/api/alerts/uptime.csv?month=${MONTH}`);
    // The month under way says up to when it was counted.
    expect(w.get('[data-testid="uptime-so-far"]').text()).toMatch(/^The month is not over: counted up to .*15.*9:30.* \(UTC\)\.$/);
  });

  it('reads the chosen month, and points the CSV link at it', async () => {
    const fake = alertsApi();
    const w = await mountPage();
    await w.get('[data-testid="uptime-month"]').setValue('2026-11');
    await flushPromises();
    expect(fake.sent.at(-1)?.path).toBe('/alerts/uptime?month=2026-11');
    expect(w.get('[data-testid="uptime-kiosk-entry-a"] [data-testid="cell-uptime"]').text()).toBe('50.00%');
    expect(w.get('[data-testid="uptime-csv"]').attributes('href')).toBe('/console/api/alerts/uptime.csv?month=2026-11');
    expect(w.get('[data-testid="uptime-csv"]').text()).toBe('Download CSV (2026-11)');
    expect(w.find('[data-testid="uptime-so-far"]').exists()).toBe(false);
  });

  it('reads the alerts and the uptime again every minute, and stops when the page closes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const fake = alertsApi();
    const w = await mountPage();
    const reads = () => fake.sent.filter((r) => r.path.startsWith('/alerts')).map((r) => r.path);
    expect(reads()).toEqual(['/alerts', `/alerts/uptime?month=${MONTH}`]);
    fake.answers['GET /alerts'] = { body: { open: [], events: [] } };
    vi.advanceTimersByTime(60_000);
    await flushPromises();
    expect(reads()).toHaveLength(4);
    expect(w.get('[data-testid="alerts-status"]').text()).toBe('Nothing is alerting.');
    expect(w.get('[data-testid="alert-events"]').text()).toContain('No alert events yet.');
    w.unmount();
    vi.advanceTimersByTime(120_000);
    expect(reads()).toHaveLength(4);
  });

  it('says so when the server cannot be reached', async () => {
    alertsApi();
    await api.restore();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const w = mount(AlertsView, { global: { plugins: [createConsoleI18n('zh-CN')] } });
    await flushPromises();
    expect(w.get('[data-testid="page-error"]').text()).toBe('无法连接服务器。');
  });
});
