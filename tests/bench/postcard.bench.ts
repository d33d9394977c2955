// Benchmark, server side: from a finished card's bytes to the QR code being ready
// (validate, atomic write, SQLite row, QR as SVG and PNG), a phone's download over loopback, and
// printing (PDF at 148 x 100 mm, and a job through the queue). The renderer's part (composition in
// the worker, showing the QR) is measured by the UI's own benchmark.
// Run with `npm run bench -- postcard`. Prints medians and the machine they were measured on.
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { POSTCARD_SETTINGS_DEFAULT } from '../../common/postcardSettings';
import { createMemoryLogger } from '../../node/kiosk/logger';
import { cardPdf } from '../../node/kiosk/postcards/pdfPrinter';
import { qrFor } from '../../node/kiosk/postcards/postcardService';
import { createServices } from '../../node/kiosk/services';
import { makeJpeg, makePng } from '../fixtures/postcards/cardImages';
import { phoneGet } from '../fixtures/postcards/phoneClient';
import { makeTempDir } from '../fixtures/tempDir';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function time(label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<void> {
  await fn(); // warm-up (JIT, first file-system touch)
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  console.log(
    `${label.padEnd(58)} median ${median(xs).toFixed(1).padStart(7)} ms   (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${runs})`,
  );
}

async function main(): Promise<void> {
  const t = makeTempDir('bench-postcard-');
  const services = createServices({ dataDir: join(t.dir, 'data'), appVersion: 'bench', runtime: 'web', log: createMemoryLogger() });
  try {
    const p = services.postcards;
    const server = await p.startTakeaway({ host: '127.0.0.1', port: 0, rateLimit: { capacity: 1e6, refillPerSecond: 1e6 } });
    // A card as the composition worker makes it: 1748 x 1181 (148 x 100 mm at 300 dpi).
    const jpeg = makeJpeg(1748, 1181, 85);
    const png = makePng(1748, 1181);
    const base64 = jpeg.toString('base64');
    console.log(`card: JPEG ${(jpeg.length / 1024).toFixed(0)} KiB, PNG ${(png.length / 1024).toFixed(0)} KiB (1748 x 1181)`);

    let token = '';
    await time('savePostcard (JPEG, via the dispatcher) -> QR ready', RUNS, async () => {
      const r = await services.dispatcher.dispatch('savePostcard', { payload: { imageBase64: base64, mime: 'image/jpeg' } });
      if (!r.ok) throw new Error(r.error.message);
      token = (r.value as { token: string }).token;
    });
    await time('  of which: store.save (validate, write + fsync, row)', RUNS, () => p.store.save({ bytes: jpeg, mime: 'image/jpeg' }));
    await time('  of which: QR code (SVG + PNG data URL)', RUNS, () => qrFor(`${server?.publicBaseUrl}/c/${token}`));
    await time('store.save (PNG card)', RUNS, () => p.store.save({ bytes: png, mime: 'image/png' }));
    await time('phone GET of the card image over loopback', RUNS, async () => {
      const r = await phoneGet(`${server?.url}/c/${token}/card.jpg`);
      if (r.status !== 200 || r.body.length !== jpeg.length) throw new Error(`phone GET: ${r.status}`);
    });
    await time('PDF 148 x 100 mm from the JPEG card', RUNS, () => cardPdf(jpeg, 'image/jpeg', POSTCARD_SETTINGS_DEFAULT.pageSize));
    await time('PDF 148 x 100 mm from the PNG card', Math.min(RUNS, 5), () =>
      cardPdf(png, 'image/png', POSTCARD_SETTINGS_DEFAULT.pageSize),
    );
    services.exhibitConfig.set('postcard', { ...POSTCARD_SETTINGS_DEFAULT, printLimit: 10 });
    await time('print job through the queue (PDF printer) -> done', RUNS, async () => {
      const card = p.store.save({ bytes: jpeg, mime: 'image/jpeg' });
      const job = p.queue.enqueue(card.token);
      await p.queue.idle();
      const done = p.queue.get(job.id);
      if (done?.status !== 'done') throw new Error(`print: ${JSON.stringify(done)}`);
    });
    await time('expiry sweep (nothing due)', RUNS, () => p.store.sweep());

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    await services.postcards.stopTakeaway();
    services.close();
    t.cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
