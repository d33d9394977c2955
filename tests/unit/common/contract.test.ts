import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, DEFAULT_MAX_REQUEST_BYTES, issuesOf, METHOD_NAMES, ResponseEnvelopeSchema } from '../../../common/contract';

describe('contract', () => {
  it('has unique channel strings, namespaced, for every method', () => {
    const channels = METHOD_NAMES.map((m) => contract[m].channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const c of channels) expect(c).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
  });

  it('every request schema accepts or rejects a plain object without throwing', () => {
    for (const m of METHOD_NAMES) {
      expect(() => contract[m].request.safeParse({ surprise: 1 })).not.toThrow();
    }
  });

  it('limits request sizes: 512 KiB by default, more only for the postcard image', () => {
    const limitOf = (m: (typeof METHOD_NAMES)[number]) => (contract[m] as { maxRequestBytes?: number }).maxRequestBytes;
    const raised = METHOD_NAMES.filter((m) => (limitOf(m) ?? 0) > DEFAULT_MAX_REQUEST_BYTES);
    expect(raised).toEqual(['savePostcard']);
    // The smile meter's status report carries numbers only: a small cap keeps anything bigger (a frame) out.
    expect(limitOf('reportSmileStatus')).toBeLessThanOrEqual(8 * 1024);
    expect(DEFAULT_MAX_REQUEST_BYTES).toBe(512 * 1024);
  });

  it('turns zod issues into JSON paths', () => {
    const r = z.object({ a: z.array(z.object({ b: z.number() })) }).safeParse({ a: [{ b: 1 }, { b: 'x' }] });
    expect(r.success).toBe(false);
    expect(issuesOf(r.error!)).toEqual([{ path: 'a[1].b', message: expect.stringMatching(/number/) }]);
  });

  it('envelopes are discriminated on ok', () => {
    expect(ResponseEnvelopeSchema.safeParse({ ok: true, value: 1 }).success).toBe(true);
    expect(ResponseEnvelopeSchema.safeParse({ ok: false, error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
    expect(ResponseEnvelopeSchema.safeParse({ ok: false }).success).toBe(false);
  });
});
