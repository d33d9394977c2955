import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../../common/contract';
import { kioskErrorOf, kioskErrorText, useOperatorAction } from '../../../../src/views/operator/useOperatorAction';

describe('useOperatorAction', () => {
  it('is busy while the action runs, then answers its value and marks it saved', async () => {
    const action = useOperatorAction<'csv' | 'pdf'>();
    let finish!: (v: number) => void;
    const pending = action.run(() => new Promise<number>((resolve) => (finish = resolve)), 'pdf');
    expect(action.busy.value).toBe(true);
    expect(action.running.value).toBe('pdf');
    finish(7);
    expect(await pending).toEqual({ ok: true, value: 7 });
    expect(action.busy.value).toBe(false);
    expect(action.running.value).toBeNull();
    expect(action.saved.value).toBe(true);
    expect(action.error.value).toBeNull();
  });

  it('answers the typed error of a refusal, issues and all, and clears saved', async () => {
    const action = useOperatorAction();
    await action.run(async () => 1);
    const refusal = new KioskError({ code: 'BAD_REQUEST', message: 'invalid', issues: [{ path: 'port', message: 'too big' }] });
    const r = await action.run(async () => {
      throw refusal;
    });
    expect(r).toEqual({ ok: false, error: refusal.data });
    expect(action.error.value).toEqual(refusal.data);
    expect(action.saved.value).toBe(false);
    expect(action.busy.value).toBe(false);
    expect(kioskErrorText(refusal.data)).toBe('invalid; port: too big');
  });

  it('reports anything else thrown as INTERNAL with its message', () => {
    expect(kioskErrorOf(new Error('connection lost'))).toEqual({ code: 'INTERNAL', message: 'connection lost' });
    expect(kioskErrorOf('bare')).toEqual({ code: 'INTERNAL', message: 'bare' });
  });
});
