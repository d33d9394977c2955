// The cache's bookkeeping (LRU order, pins, disposal, aborts, retries). The browser's fetch and
// createImageBitmap are replaced by recording fakes: decoding and GPU upload are covered in Chromium by
// tests/e2e/panoramaScene.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TextureCache } from '../../../../../src/exhibits/panorama/scene/textureCache';

interface FakeBitmap {
  url: string;
  closed: boolean;
  close(): void;
}

let requests: { url: string; signal: AbortSignal; resolve: () => void; reject: (e: Error) => void; status: number }[];

function fakeFetch(url: string | URL | Request, init?: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = {
      url: String(url),
      signal: init!.signal!,
      status: 200,
      resolve: () => resolve(new Response(new Blob([String(url)]), { status: req.status })),
      reject,
    };
    init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    requests.push(req);
  });
}

/** Lets every pending fetch answer (optionally with an HTTP error) and the promise chains settle. */
async function answer(status = 200): Promise<void> {
  for (const r of requests.splice(0)) {
    r.status = status;
    r.resolve();
  }
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  requests = [];
  vi.stubGlobal('createImageBitmap', async (blob: Blob): Promise<FakeBitmap> => {
    const url = await blob.text();
    const bitmap: FakeBitmap = {
      url,
      closed: false,
      close: () => {
        bitmap.closed = true;
      },
    };
    return bitmap;
  });
});
afterEach(() => vi.unstubAllGlobals());

const cache = (capacity: number, onReady = vi.fn()) => ({
  c: new TextureCache({ capacity, onReady, fetch: fakeFetch as typeof fetch }),
  onReady,
});

describe('TextureCache', () => {
  it('loads once, hands the same texture to every caller and reports it ready', async () => {
    const { c, onReady } = cache(2);
    const a = c.load('a.jpg');
    const b = c.load('a.jpg');
    expect(requests).toHaveLength(1);
    await answer();
    const [ta, tb] = await Promise.all([a, b]);
    expect(ta).toBe(tb);
    expect(onReady).toHaveBeenCalledWith(ta);
    expect(ta.flipY).toBe(false);
    expect(ta.generateMipmaps).toBe(false);
    expect(c.has('a.jpg')).toBe(true);
  });

  it('evicts the least recently used unpinned picture and disposes it', async () => {
    const { c } = cache(2);
    const a = c.load('a.jpg');
    c.load('b.jpg');
    await answer();
    const ta = await a;
    const disposed = vi.fn();
    ta.addEventListener('dispose', disposed);
    c.load('a.jpg'); // a is now more recent than b
    c.load('c.jpg');
    await answer();
    expect(c.has('a.jpg')).toBe(true);
    expect(c.has('b.jpg')).toBe(false);
    c.load('d.jpg');
    await answer();
    expect(c.has('a.jpg')).toBe(false);
    expect(disposed).toHaveBeenCalledTimes(1);
    expect((ta.image as FakeBitmap).closed).toBe(true);
    expect(c.cachedCount).toBe(2);
  });

  it('never evicts a pinned picture, and evicts it once unpinned if the cache is over capacity', async () => {
    const { c } = cache(1);
    const shown = c.pin('shown.jpg');
    c.load('x.jpg');
    c.load('y.jpg');
    await answer();
    expect(c.has('shown.jpg')).toBe(true);
    expect(c.has('x.jpg')).toBe(false);
    expect(c.cachedCount).toBe(1);
    shown.unpin();
    shown.unpin(); // idempotent
    expect(c.has('shown.jpg')).toBe(false);
    expect(c.has('y.jpg')).toBe(true);
  });

  it('preloads only as many as fit, the first given being the last evicted, and aborts loads it drops', async () => {
    const { c } = cache(2);
    c.preload(['n1.jpg', 'n2.jpg', 'n3.jpg']);
    expect(requests.map((r) => r.url).sort()).toEqual(['n1.jpg', 'n2.jpg']);
    c.preload(['m1.jpg']); // evicts n2 (less wanted than n1) while it is still loading
    expect(requests.find((r) => r.url === 'n2.jpg')!.signal.aborted).toBe(true);
    expect(requests.find((r) => r.url === 'n1.jpg')!.signal.aborted).toBe(false);
    await answer();
    expect(c.has('n1.jpg') && c.has('m1.jpg')).toBe(true);
  });

  it('rejects a failed load with the url and status, and tries again next time', async () => {
    const { c } = cache(2);
    const failed = c.load('missing.jpg');
    await answer(404);
    await expect(failed).rejects.toThrow('panorama image missing.jpg: HTTP 404');
    expect(c.has('missing.jpg')).toBe(false);
    const retry = c.load('missing.jpg');
    expect(requests).toHaveLength(1);
    await answer();
    await expect(retry).resolves.toBeTruthy();
  });

  it('clear() disposes everything, pinned or not, and aborts pending loads', async () => {
    const { c } = cache(2);
    const pinned = c.pin('p.jpg');
    await answer();
    const tp = await pinned.texture;
    const pending = c.load('q.jpg');
    c.clear();
    await expect(pending).rejects.toThrow();
    expect((tp.image as FakeBitmap).closed).toBe(true);
    expect(c.has('p.jpg')).toBe(false);
    expect(c.cachedCount).toBe(0);
  });

  it('refuses a negative capacity', () => {
    expect(() => new TextureCache({ capacity: -1 })).toThrow(/capacity must be >= 0/);
  });
});
