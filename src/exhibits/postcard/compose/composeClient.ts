import type { ComposeJob, ComposeRequest, ComposeResponse } from './composeTypes';

/**
 * The main thread's side of the composition worker: one module worker, started on first use and
 * kept (starting one costs more than a composition's encode), requests matched by id.
 * Vite bundles `new Worker(new URL(...), { type: 'module' })` as a separate chunk served from 'self',
 * which the CSP's `worker-src 'self' blob:` allows (node/kiosk/csp.ts).
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: { blob: Blob; ms: number }) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./compose.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<ComposeResponse>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve({ blob: e.data.blob, ms: e.data.ms });
    else p.reject(new Error(e.data.message));
  };
  w.onerror = (e) => {
    // A broken worker fails every waiting card; the next card starts a new worker.
    for (const p of pending.values()) p.reject(new Error(`composition worker failed: ${e.message}`));
    pending.clear();
    worker = null;
    w.terminate();
  };
  worker = w;
  return w;
}

/** Composes a card in the worker; the photo bitmap (if any) is transferred, so the caller must not use it afterwards. */
export function composeInWorker(job: ComposeJob): Promise<{ blob: Blob; ms: number }> {
  const id = nextId++;
  const w = getWorker();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const transfer: Transferable[] = typeof job.picture === 'string' ? [] : [job.picture];
    w.postMessage({ id, job } satisfies ComposeRequest, transfer);
  });
}
