import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { KioskErrorData, ResponseEnvelope } from '../../../../common/contract';
import { installKioskClient } from '../../../../src/api/client';
import { createKioskClient } from '../../../../src/api/kioskClient';
import PrintQueueList from '../../../../src/exhibits/postcard/operator/PrintQueueList.vue';
import { createKioskI18n } from '../../../../src/i18n';

/**
 * The operator's "Reprint" on a failed print job, over the real typed client (schemas checked) with
 * a queue the test changes as the services would: the reprint adds a linked job and blocks the old one.
 */
type Blocked = 'not_failed' | 'card_gone' | 'already_reprinted' | null;
const job = (id: string, status: string, reason: string | null, reprintBlocked: Blocked, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'card',
  status,
  reason,
  message: null,
  output: null,
  createdAt: Date.UTC(2026, 2, 18, 2, 30),
  updatedAt: Date.UTC(2026, 2, 18, 2, 31),
  printsLeft: 0,
  reprintOf: null,
  reprintedBy: null,
  reprintBlocked,
  ...extra,
});

/** This hour's use against the hourly limits, as getPrintQueue reports it (resets at 11:00 in Shanghai). */
const hourly = { cards: { used: 37, limit: 120 }, prints: { used: 60, limit: 60 }, resetsAt: Date.UTC(2026, 2, 18, 3, 0) };

function kiosk(jobs: ReturnType<typeof job>[], refuse?: KioskErrorData) {
  const calls: { method: string; payload: unknown }[] = [];
  installKioskClient(
    createKioskClient(async (method, payload): Promise<ResponseEnvelope> => {
      calls.push({ method, payload });
      if (method === 'getPrintQueue')
        return { ok: true, value: { jobs, printer: { kind: 'cups', name: 'SELPHY' }, printLimit: 2, hourly } };
      if (method !== 'reprintPrintJob') return { ok: false, error: { code: 'INTERNAL', message: `not scripted: ${method}` } };
      if (refuse) return { ok: false, error: refuse };
      const { jobId } = payload as { jobId: string };
      const old = jobs.find((j) => j.id === jobId)!;
      const again = job(`${jobId}-again`, 'queued', null, 'not_failed', { reprintOf: jobId });
      Object.assign(old, { reprintedBy: again.id, reprintBlocked: 'already_reprinted' });
      jobs.push(again);
      return { ok: true, value: again };
    }),
  );
  return calls;
}

async function mountList(locale: 'zh-CN' | 'en' = 'zh-CN') {
  setActivePinia(createPinia());
  const wrapper = mount(PrintQueueList, { props: { pollMs: 60_000 }, global: { plugins: [createKioskI18n(locale)] } });
  await flushPromises();
  await vi.waitFor(() => expect(wrapper.findAll(sel('postcard-job')).length).toBeGreaterThan(0));
  return wrapper;
}
const sel = (id: string) => `[data-testid="${id}"]`;
const row = (w: Awaited<ReturnType<typeof mountList>>, id: string) => w.get(`${sel('postcard-job')}[data-id="${id}"]`);

describe('hourly limits in the operator print queue', () => {
  it("shows this hour's cards and prints against their limits", async () => {
    kiosk([job('done', 'done', null, 'not_failed')]);
    const w = await mountList('en');
    expect(w.get(sel('postcard-hourly')).text()).toMatch(/^Used this hour: cards 37\/120, prints 60\/60 \(counted afresh at .+\)$/);
    w.unmount();
  });
});

describe('reprint in the operator print queue', () => {
  it('offers Reprint on failed jobs only, disabled with the reason when the card is gone or it was reprinted', async () => {
    kiosk([
      job('done', 'done', null, 'not_failed'),
      job('cut', 'failed', 'interrupted', null),
      job('expired', 'failed', 'card_expired', 'card_gone'),
      job('twice', 'failed', 'paper_out', 'already_reprinted', { reprintedBy: 'x' }),
    ]);
    const w = await mountList();
    expect(row(w, 'done').find(sel('postcard-reprint')).exists()).toBe(false);
    expect(row(w, 'cut').get(sel('postcard-reprint')).attributes('disabled')).toBeUndefined();
    expect(row(w, 'cut').find(sel('postcard-reprint-blocked')).exists()).toBe(false);
    expect(row(w, 'expired').get(sel('postcard-reprint')).attributes('disabled')).toBeDefined();
    expect(row(w, 'expired').get(sel('postcard-reprint-blocked')).text()).toBe('卡已过期或删除，不能重打');
    expect(row(w, 'twice').get(sel('postcard-reprint')).attributes('disabled')).toBeDefined();
    expect(row(w, 'twice').get(sel('postcard-reprint-blocked')).text()).toBe('已重新打印过');
    w.unmount();
  });

  it('reprints once on a double tap, then shows the new job as a reprint and the old one as reprinted', async () => {
    const calls = kiosk([job('cut', 'failed', 'interrupted', null)]);
    const w = await mountList('en');
    const button = row(w, 'cut').get(sel('postcard-reprint'));
    expect(button.text()).toBe('Reprint');
    await button.trigger('click');
    await button.trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.method === 'reprintPrintJob').map((c) => c.payload)).toEqual([{ jobId: 'cut' }]);
    expect(w.get(sel('postcard-queue-message')).text()).toBe('Queued to print again');
    await vi.waitFor(() => expect(w.findAll(sel('postcard-job'))).toHaveLength(2));
    expect(row(w, 'cut-again').text()).toContain('Postcard · reprint');
    expect(row(w, 'cut-again').find(sel('postcard-reprint')).exists()).toBe(false);
    expect(row(w, 'cut').get(sel('postcard-reprint')).attributes('disabled')).toBeDefined();
    expect(row(w, 'cut').get(sel('postcard-reprint-blocked')).text()).toBe('already reprinted');
    w.unmount();
  });

  it("words the services' refusal in the operator's language", async () => {
    kiosk([job('cut', 'failed', 'other', null)], {
      code: 'NOT_FOUND',
      message: 'the card of this print job has expired',
      reason: 'card_gone',
    });
    const w = await mountList();
    await row(w, 'cut').get(sel('postcard-reprint')).trigger('click');
    await flushPromises();
    const msg = w.get(sel('postcard-queue-message'));
    expect(msg.text()).toBe('这张卡已过期或删除，不能重打：请游客重新做一张');
    expect(msg.classes()).toContain('bad');
    w.unmount();
  });
});
