import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { KioskErrorData, ResponseEnvelope } from '../../../../common/contract';
import { POSTCARD_SETTINGS_DEFAULT, type PostcardSettings } from '../../../../common/postcardSettings';
import { installKioskClient } from '../../../../src/api/client';
import { createKioskClient } from '../../../../src/api/kioskClient';
import PostcardSettingsPanel from '../../../../src/exhibits/postcard/operator/PostcardSettingsPanel.vue';
import { createKioskI18n } from '../../../../src/i18n';

/** The real typed client (schemas checked) over scripted answers; every call recorded. */
function scriptedKiosk(answers: Record<string, unknown>, failures: Record<string, KioskErrorData> = {}) {
  const calls: { method: string; payload: unknown }[] = [];
  installKioskClient(
    createKioskClient(async (method, payload): Promise<ResponseEnvelope> => {
      calls.push({ method, payload });
      if (failures[method]) return { ok: false, error: failures[method] };
      if (!(method in answers)) return { ok: false, error: { code: 'INTERNAL', message: `not scripted: ${method}` } };
      const a = answers[method];
      return { ok: true, value: typeof a === 'function' ? (a as (p: unknown) => unknown)(payload) : a };
    }),
  );
  return calls;
}

/** This hour's use against the hourly limits, as getPrintQueue reports it. */
const HOURLY = { cards: { used: 3, limit: 120 }, prints: { used: 1, limit: 60 }, resetsAt: Date.UTC(2026, 2, 18, 3, 0) };
const job = (id: string, kind: 'card' | 'test', status: string, reason: string | null = null, message: string | null = null) => ({
  id,
  kind,
  status,
  reason,
  message,
  output: status === 'done' ? `/data/postcards/print/${id}.pdf` : null,
  createdAt: Date.UTC(2026, 2, 18, 2, 30),
  updatedAt: Date.UTC(2026, 2, 18, 2, 31),
  printsLeft: kind === 'card' ? 1 : null,
  reprintOf: null,
  reprintedBy: null,
  reprintBlocked: status === 'failed' ? null : 'not_failed',
});
const config: PostcardSettings = { ...POSTCARD_SETTINGS_DEFAULT, printerName: 'Old_Printer' };
const answers = (over: Record<string, unknown> = {}) => ({
  getExhibitConfig: { key: 'postcard', value: config, isDefault: false, updatedAt: 1 },
  getTakeawayStatus: { state: 'failed', url: null, publicBaseUrl: null, error: 'no network interface named "wlan9" (have: lo, eth0)' },
  listPrinters: {
    printers: [
      { name: 'Canon_SELPHY', displayName: 'Canon SELPHY CP1500', isDefault: true, state: 'ready', detail: null },
      { name: 'Office', displayName: 'Office', isDefault: false, state: 'paper_out', detail: 'media-empty-error' },
    ],
    note: null,
  },
  getPrintQueue: {
    jobs: [job('a', 'card', 'done'), job('b', 'card', 'failed', 'paper_out', 'Out of paper'), job('c', 'test', 'queued')],
    printer: { kind: 'electron', name: 'Old_Printer' },
    printLimit: 2,
    hourly: HOURLY,
  },
  clearPrintQueue: { removed: 3 },
  testPrint: job('d', 'test', 'queued'),
  ...over,
});

async function mountPanel(a = answers(), failures: Record<string, KioskErrorData> = {}) {
  const calls = scriptedKiosk(a, failures);
  setActivePinia(createPinia());
  const wrapper = mount(PostcardSettingsPanel, { global: { plugins: [createKioskI18n('zh-CN')] } });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.find(sel('postcard-save')).exists()).toBe(true));
  return { wrapper, calls };
}
const sel = (id: string) => `[data-testid="${id}"]`;

describe("the postcard exhibit's operator screen", () => {
  it('shows why the take-away is not running, the printers with their state, and keeps a configured printer that is gone', async () => {
    const { wrapper } = await mountPanel();
    expect(wrapper.get(sel('postcard-takeaway-status')).attributes('data-state')).toBe('failed');
    expect(wrapper.get(sel('postcard-takeaway-status')).text()).toBe(
      '无法启动：no network interface named "wlan9" (have: lo, eth0)（仍可打印）',
    );
    const options = wrapper.findAll(`${sel('postcard-printer')} option`).map((o) => [o.attributes('value'), o.text()]);
    expect(options).toEqual([
      ['', '系统默认打印机'],
      ['Canon_SELPHY', 'Canon SELPHY CP1500 · 就绪'],
      ['Office', 'Office · 缺纸'],
      ['Old_Printer', 'Old_Printer（未找到）'],
    ]);
    expect((wrapper.get(sel('postcard-printer')).element as HTMLSelectElement).value).toBe('Old_Printer');
    wrapper.unmount();
  });

  it("saves through setExhibitConfig, and shows the services' own refusals next to their fields", async () => {
    const { wrapper, calls } = await mountPanel(answers(), {
      setExhibitConfig: {
        code: 'BAD_REQUEST',
        message: 'invalid value for exhibit setting "postcard"',
        issues: [{ path: 'value.takeaway.interface', message: 'an interface name (wlan0), an IP address, or "auto"' }],
      },
    });
    await wrapper.get(sel('postcard-printer')).setValue('Canon_SELPHY');
    await wrapper.get(sel('postcard-save')).trigger('click');
    await flushPromises();
    const sent = calls.filter((c) => c.method === 'setExhibitConfig').map((c) => c.payload);
    expect(sent).toEqual([{ key: 'postcard', value: { ...config, printerName: 'Canon_SELPHY' } }]);
    expect(wrapper.get(sel('error-takeaway.interface')).text()).toBe('an interface name (wlan0), an IP address, or "auto"');
    wrapper.unmount();
  });

  it('lists the queue newest first with status and reason; test print and clear call the services', async () => {
    const { wrapper, calls } = await mountPanel();
    await vi.waitFor(() => expect(wrapper.findAll(sel('postcard-job'))).toHaveLength(3));
    const rows = wrapper.findAll(sel('postcard-job'));
    expect(rows.map((r) => r.attributes('data-status'))).toEqual(['queued', 'failed', 'done']);
    expect(rows[1]?.text()).toContain('失败 · 缺纸');
    expect(rows[1]?.text()).toContain('Out of paper');
    expect(rows[2]?.get(sel('postcard-job-output')).attributes('data-path')).toBe('/data/postcards/print/a.pdf');
    expect(wrapper.get(sel('postcard-printer-kind')).text()).toBe('打印方式：系统打印机（静默打印） · Old_Printer');
    await wrapper.get(sel('postcard-test-print')).trigger('click');
    await flushPromises();
    await wrapper.get(sel('postcard-clear-queue')).trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'testPrint' || c.method === 'clearPrintQueue').map((c) => c.method)).toEqual([
      'testPrint',
      'clearPrintQueue',
    ]);
    expect(wrapper.get(sel('postcard-queue-message')).text()).toBe('已清除 3 项');
    wrapper.unmount();
  });

  it('shows jobs a restart left behind: the page cut off while printing, and a card that expired while it waited', async () => {
    const { wrapper } = await mountPanel(
      answers({
        getPrintQueue: {
          jobs: [
            job('x', 'card', 'failed', 'interrupted', 'the kiosk stopped while this page was printing'),
            job('y', 'card', 'failed', 'card_expired', 'the card expired and was deleted before its turn came'),
            job('z', 'card', 'queued'),
          ],
          printer: { kind: 'pdf', name: '' },
          printLimit: 2,
          hourly: HOURLY,
        },
      }),
    );
    await vi.waitFor(() => expect(wrapper.findAll(sel('postcard-job'))).toHaveLength(3));
    const rows = wrapper.findAll(sel('postcard-job'));
    expect(rows.map((r) => r.attributes('data-status'))).toEqual(['queued', 'failed', 'failed']);
    expect(rows[1]?.text()).toContain('失败 · 卡已过期删除，未打印');
    expect(rows[2]?.text()).toContain('失败 · 打印中本机重启，不确定是否打出，请查看出纸口');
    wrapper.unmount();
  });
});
