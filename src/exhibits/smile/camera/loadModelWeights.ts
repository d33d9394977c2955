import type { WorkerTf } from './chooseBackend';

interface WeightsManifestGroup {
  paths: string[];
  weights: Parameters<WorkerTf['io']['decodeWeights']>[1];
}

/**
 * Loads one face-api model from the kiosk's own `smile-models/` folder (a weights manifest and its .bin shards) and
 * decodes it into tensors with tfjs, instead of face-api's loadFromUri, which needs a DOM environment the worker does
 * not have. Same-origin fetches only (the CSP's connect-src 'self' would refuse anything else).
 */
export async function loadModelWeights(tf: WorkerTf, baseUrl: string, model: string) {
  const manifest = (await fetchOk(new URL(`${model}-weights_manifest.json`, baseUrl).href).then((r) => r.json())) as WeightsManifestGroup[];
  const buffers = await Promise.all(
    manifest.flatMap((g) => g.paths).map((p) => fetchOk(new URL(p, baseUrl).href).then((r) => r.arrayBuffer())),
  );
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    joined.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return tf.io.decodeWeights(
    joined.buffer,
    manifest.flatMap((g) => g.weights),
  );
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`model file ${new URL(url).pathname} could not be loaded (HTTP ${response.status})`);
  return response;
}
