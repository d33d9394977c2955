/**
 * The composition worker: composes postcards at print resolution off the main thread, so the
 * screen stays responsive (a 1748 x 1181 card takes a few hundred ms to draw and encode).
 * Started by composeClient.ts as a module worker (https://vite.dev/guide/features#web-workers).
 */
import { composeCard } from './composeCard';
import type { ComposeRequest, ComposeResponse } from './composeTypes';

self.onmessage = async (e: MessageEvent<ComposeRequest>) => {
  const { id, job } = e.data;
  const t0 = performance.now();
  let reply: ComposeResponse;
  try {
    const blob = await composeCard(job);
    reply = { id, ok: true, blob, ms: performance.now() - t0 };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message };
  }
  self.postMessage(reply);
};
