import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SMILE_SETTINGS_DEFAULT } from '../../common/smileSettings';
import { storedCounts } from '../e2e/smileCamera';
import { startHost, stopHost } from '../e2e/webHost';
import { makeReceiver, TOKEN } from '../fixtures/upload/kioskHarness';
import { hostClient, PIN } from './hostClient';
import { openSoakBrowser } from './kioskBrowser';
import { BOUNDED, growthFailure, growthOf, SLACK, writeChart, writeCsv } from './report';
import type { Sample } from './Sample';
import { cameraStatus, takeSample } from './sampler';
import {
  closeIfLate,
  consoleVisit,
  glanceVisit,
  historyVisit,
  idleOut,
  newTally,
  packSwap,
  panoramaVisit,
  postcardVisit,
} from './visitors';
import { heapParts, judgeHeap, writeHeapSnapshot } from './heapSnapshot';
import { dumpGrowth, oilpanTypeGrowth, type MemoryDump } from './memoryDump';
import { makeRoleVideo, passesIfInTail, type RoleVideo } from './walkVideos';

/**
 * The whole-kiosk soak (`npm run soak -- --minutes N`; not part of `npm test`, a short run is its own CI stage):
 * the built web host and Chromium, both smile cameras stepping through walk-through videos in the background all the
 * time, and synthetic visitors through every exhibit in a loop, with the operator console, content-pack swaps and
 * uploads to a local receiver now and then. About once a minute, at the attract screen between visitors, it samples
 * the figures of sampler.ts; at the end it writes a CSV and an HTML chart, prints one JSON line, and fails when a
 * bounded figure grew more than --bound % after the warm-up, a console error came, a visitor's flow failed, or the
 * smile counts differ from what the videos contain. The README's "Soak" section has the figures and the bounds.
 */
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    warmup: { type: 'string' },
    bound: { type: 'string', default: '10' },
    /**
     * Visitors an hour to drive at least (a holiday peak): after each full visit and its two passers-by, up to two
     * more passers-by when the run is behind this rate (a loaded machine slows every visit down).
     */
    rate: { type: 'string', default: '300' },
    out: { type: 'string', default: 'test-results/soak' },
    /** The page clock's start (ISO time); the default is 10:30 on an opening day. */
    clock: { type: 'string', default: '2026-03-18T10:30:00+08:00' },
    /**
     * Also write the renderer's heap (heap-warm.heapsnapshot, heap-end.heapsnapshot) to compare by constructor, and
     * judge the renderer heap by its parts between them instead of by its total (judgeHeap).
     */
    'heap-snapshots': { type: 'boolean', default: false },
    /**
     * Also write Chromium's memory-infra dump (each process's allocators: partition_alloc, malloc, blink_gc, v8, media,
     * gpu, ...) after the warm-up and at the end (memory-warm.json, memory-end.json) and put what grew in the summary;
     * with each sample, the kiosk renderer's Oilpan pages, live Oilpan objects and array buffers go into the CSV.
     */
    'memory-dumps': { type: 'boolean', default: false },
    /**
     * Launch Chromium through chromiumWithoutBodyBuffer.mjs: DevTools then keeps no response bodies for Playwright
     * (it otherwise keeps up to 200 MB of them in the renderer), so Chromium's memory figures are the kiosk's own.
     */
    'no-devtools-bodies': { type: 'boolean', default: false },
    /**
     * Keep DevTools' Network domain off altogether (no record of any request; chromiumWithoutBodyBuffer.mjs), so the
     * renderer's Blink heap holds only the kiosk's own objects. The walk-through videos come from the web host, so the
     * smile counts are still checked.
     */
    'no-devtools-network': { type: 'boolean', default: false },
    /**
     * Both cameras watch Chromium's fake device in real time instead of stepping through the walk-through videos; the
     * smile counts are then not checked (a camera in real time drops frames while the page is busy).
     */
    'device-cameras': { type: 'boolean', default: false },
  },
});
const MINUTES = Number(args.minutes);
const WARMUP = Number(args.warmup ?? Math.min(10, Math.round(MINUTES / 3)));
const BOUND = Number(args.bound) / 100;
const RATE = Number(args.rate);
for (const [name, value] of Object.entries({ minutes: MINUTES, warmup: WARMUP, bound: BOUND, rate: RATE }))
  if (!Number.isFinite(value) || value < 0) {
    console.error(`soak: --${name} must be a number of 0 or more, not ${JSON.stringify(args[name as keyof typeof args])}`);
    process.exit(2);
  }
const OUT = resolve(args.out!);
/**
 * 10:30 on a Wednesday in Shanghai by default, inside opening hours: the page clock starts here, moves on with each
 * idle, and skips the night at closing time (closeIfLate).
 */
const OPEN_TIME = args.clock!;
const log = (msg: string) => console.error(`${new Date().toISOString().slice(11, 19)} soak: ${msg}`);

async function secondPack(work: string): Promise<string> {
  const demoDir = resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack');
  const dir = join(work, 'second');
  cpSync(demoDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    id: string;
    version: string;
    attract: { tagline: Record<string, string> };
  };
  manifest.id = 'soak-second';
  manifest.version = '2.0.0';
  manifest.attract.tagline = { 'zh-CN': '第二个内容包 · 耐久测试', en: 'The second pack · soak' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const zip = join(work, 'second.zip');
  execFileSync(resolve('node_modules/.bin/tsx'), ['node/kiosk/cli/pack.ts', 'build', dir, '--out', zip], { stdio: 'pipe' });
  return zip;
}

async function main(): Promise<number> {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kiosk-soak-'));
  const dataDir = join(work, 'data');
  const reportDir = join(work, 'reports');
  const exportDir = join(work, 'usb');
  for (const d of [dataDir, reportDir, exportDir]) mkdirSync(d);
  const failures: string[] = [];
  log(`${MINUTES} min, warm-up ${WARMUP} min, bound ${BOUND * 100} %, work folder ${work}`);

  const networkOff = !!args['no-devtools-network'];
  const network = networkOff ? 'off' : args['no-devtools-bodies'] ? 'no-bodies' : 'bodies';
  const deviceCameras = !!args['device-cameras'];
  // The entry walk is also the fake camera device (the postcard's photo), so it is made either way.
  const entry = await makeRoleVideo(work, 'entry', 23);
  // Stepped through by the cameras and checked at the end, served by the web host from a copy of the renderer folder.
  const videos: RoleVideo[] = deviceCameras ? [] : [entry, await makeRoleVideo(work, 'exit', 7)];
  const rendererDir = join(work, 'renderer');
  cpSync(resolve(process.env.KIOSK_DIST ?? 'dist', 'renderer'), rendererDir, { recursive: true });
  for (const v of videos) copyFileSync(v.file, join(rendererDir, v.url.slice(1)));
  const zip = await secondPack(work);
  const receiver = await makeReceiver(join(work, 'receiver.db'));
  const running = await startHost(dataDir, {
    nodeArgs: ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`, '--report-compact'],
    env: { KIOSK_RENDERER_DIR: rendererDir },
  });
  const host = hostClient(running);
  await host.api('setupPin', { pin: PIN });
  const camera = (v: RoleVideo) => ({ ...SMILE_SETTINGS_DEFAULT.cameras.entry, source: { kind: 'video' as const, url: v.url } });
  await host.asOperator('setExhibitConfig', {
    key: 'smile',
    value: {
      ...SMILE_SETTINGS_DEFAULT,
      sampleFps: 10,
      cameras: deviceCameras ? SMILE_SETTINGS_DEFAULT.cameras : { entry: camera(videos[0]!), exit: camera(videos[1]!) },
    },
  });
  await host.asOperator('updateUploadSettings', { url: receiver.receiver.url, enabled: true, intervalSeconds: 120, token: TOKEN });
  const builtin = await host.asOperator<{ key: string; active: boolean }[] | { packs: { key: string; active: boolean }[] }>('listPacks');
  const demoKey = (Array.isArray(builtin) ? builtin : builtin.packs).find((p) => p.active)!.key;
  const second = await host.asOperator<{ key: string }>('importPack', { path: zip });
  await host.asOperator('activatePack', { key: demoKey });
  const demoTagline = (
    JSON.parse(readFileSync(resolve(process.env.KIOSK_DEMO_PACK_DIR ?? 'resources/demo-pack', 'manifest.json'), 'utf8')) as {
      attract: { tagline: Record<string, string> };
    }
  ).attract.tagline['zh-CN']!;
  const packs = [
    { key: second.key, tagline: '第二个内容包 · 耐久测试' },
    { key: demoKey, tagline: demoTagline },
  ];

  const kiosk = await openSoakBrowser(() => host.launchUrl(), join(work, 'entry.y4m'), OPEN_TIME, network);
  const { page } = kiosk;
  const startedAt = Date.now();
  // Each camera's frames and counted visitors every 5 s (smile.csv): where in its file each visitor was counted.
  const smileCsv = join(OUT, 'smile.csv');
  writeFileSync(smileCsv, 'seconds,role,state,frames,visitors,smiling,retries,restarts,since\n');
  const smileLog = setInterval(() => {
    cameraStatus(host)
      .then((s) => {
        for (const c of s.report?.cameras ?? [])
          appendFileSync(
            smileCsv,
            `${Math.round((Date.now() - startedAt) / 1000)},${c.role},${c.state},${c.framesProcessed},${c.visitors},${c.smiling},` +
              `${c.retries},${c.restarts ?? 0},${new Date(c.since).toISOString()}\n`,
          );
      })
      .catch(() => undefined);
  }, 5000);
  const until = startedAt + MINUTES * 60_000;
  const tally = newTally();
  const samples: Sample[] = [];
  const ctx = { kiosk, host, dataDir, reportDir, startedAt, memoryDumps: !!args['memory-dumps'] };
  // The memory dump of the latest sample: the warm-up and end dumps are these, not dumps of their own.
  let lastDump: MemoryDump | null = null;
  const sample = async () => {
    const { sample: s, dump } = await takeSample(ctx);
    lastDump = dump;
    samples.push(s);
    log(JSON.stringify(s));
  };
  try {
    // The cameras load their models (over a minute on a loaded machine) while the first visitors come.
    await sample();
    let lastSample = Date.now();
    let failuresInRow = 0;
    let warmSnapshot = false;
    let warmDump: MemoryDump | null = null;
    // After every visit, at the attract screen: about once a minute however long a round of visitors takes.
    const sampleIfDue = async () => {
      if (Date.now() - lastSample < 60_000) return;
      await sample();
      lastSample = Date.now();
      const warmedUp = lastSample - startedAt >= WARMUP * 60_000;
      if (args['heap-snapshots'] && !warmSnapshot && warmedUp) {
        warmSnapshot = true;
        await writeHeapSnapshot(kiosk.cdp, join(OUT, 'heap-warm.heapsnapshot'));
      }
      if (args['memory-dumps'] && !warmDump && warmedUp) {
        warmDump = lastDump;
        writeFileSync(join(OUT, 'memory-warm.json'), JSON.stringify(warmDump, null, 2));
      }
    };
    // One visitor (or the operator, or a pack swap); a failure is recorded, the page put back at the attract screen,
    // and the soak goes on unless three in a row failed. A failing sample is not a visitor's: it ends the soak.
    const visit = async (label: string, run: () => Promise<void>) => {
      try {
        await run();
        failuresInRow = 0;
      } catch (err) {
        failuresInRow += 1;
        // Whether the page itself was frozen: how long it now takes to answer.
        const asked = Date.now();
        const answered = await page.evaluate(() => true).catch(() => false);
        const frozen = answered ? `the page answered in ${Date.now() - asked} ms` : 'the page did not answer';
        const msg = `${label}: ${(err as Error).message.split('\n')[0]} (${frozen})`;
        failures.push(msg);
        log(msg);
        await page.screenshot({ path: join(OUT, `failure-${failures.length}.png`) }).catch(() => undefined);
        await page.clock.resume().catch(() => undefined);
        await idleOut(page).catch(() => undefined);
        if (failuresInRow >= 3) throw new Error('three visitors in a row failed: stopping', { cause: err });
      }
      await sampleIfDue();
    };
    const behind = () => tally.visitors < (RATE * (Date.now() - startedAt)) / 3_600_000;
    for (let n = 0; Date.now() < until; n++) {
      const step = n % 3 === 0 ? 'history' : n % 3 === 1 ? 'panorama' : 'postcard';
      await visit(`visitor ${n} (${step})`, async () => {
        await closeIfLate(page, tally);
        if (step === 'history') await historyVisit(page, tally, n);
        else if (step === 'panorama') await panoramaVisit(page, tally);
        else await postcardVisit(page, tally, n);
      });
      // Two passers-by after each full visit (about 300 visitors an hour on this machine when it is otherwise idle),
      // and up to two more while the run is behind --rate.
      for (let g = 0; g < 2 || (g < 4 && behind()); g++) {
        const m = n * 4 + g;
        await visit(`passer-by ${m}`, () => glanceVisit(page, tally, m));
      }
      if (n % 5 === 4) await visit(`console visit ${n}`, () => consoleVisit(page, tally, exportDir));
      if (n % 7 === 6) await visit(`pack swap ${n}`, () => packSwap(page, host, tally, packs[tally.packSwaps % 2]!));
    }

    // The smile counts: wait (page at the attract screen, clock running) until both files are in their empty tail.
    log('checking the smile counts against the videos');
    // The check runs the page clock for up to 4 minutes: the cameras must not meet closing time meanwhile.
    await closeIfLate(page, tally, 19 * 60 + 30);
    // Each camera on its own, when it is in its file's empty tail: two files of different lengths need not be in
    // their tails at the same moment, least of all after hours.
    type RoleCheck = { expected: { visitors: number; smiling: number }; stored: { visitors: number; smiling: number }; frames: number };
    const checked: Record<string, RoleCheck> = {};
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline && Object.keys(checked).length < videos.length) {
      const status = await cameraStatus(host);
      for (const v of videos) {
        if (checked[v.role]) continue;
        const c = status.report?.cameras.find((x) => x.role === v.role);
        const passes = c?.state === 'running' ? passesIfInTail(v, c.framesProcessed) : null;
        if (passes === null || !c) continue;
        const stored = storedCounts(dataDir);
        // A second look: no count of this camera landed between the status and the database read.
        const again = (await cameraStatus(host)).report?.cameras.find((x) => x.role === v.role);
        if (!again || passesIfInTail(v, again.framesProcessed) !== passes) continue;
        checked[v.role] = {
          expected: { visitors: v.visitors * passes, smiling: v.smiling * passes },
          stored: { visitors: stored[`smile.${v.role}.visitors`] ?? 0, smiling: stored[`smile.${v.role}.smiling`] ?? 0 },
          frames: c.framesProcessed,
        };
      }
      if (Object.keys(checked).length < videos.length) await new Promise((r) => setTimeout(r, 1000));
    }
    const smile = Object.keys(checked).length === videos.length && !deviceCameras ? checked : null;
    if (deviceCameras) log('smile counts not checked: the cameras watched the fake device');
    else if (!smile)
      failures.push(
        `smile counts: the ${videos
          .filter((v) => !checked[v.role])
          .map((v) => v.role)
          .join(' and ')} camera never was in its video's empty tail within 4 minutes`,
      );
    else
      for (const [role, r] of Object.entries(smile))
        if (JSON.stringify(r.expected) !== JSON.stringify(r.stored)) {
          // How the camera ran: a lost file resumes where it was (restarts, with the last reason), so its frame count
          // still says where in the file it is; a stored count above the camera's own is a count delivered twice.
          const c = (await cameraStatus(host)).report?.cameras.find((x) => x.role === role);
          failures.push(
            `smile ${role}: stored ${JSON.stringify(r.stored)}, the video holds ${JSON.stringify(r.expected)} (${r.frames} frames; ` +
              `the camera itself counted ${c?.visitors ?? '?'} visitors and ${c?.smiling ?? '?'} smiling; ` +
              `restarts ${c?.restarts ?? '?'} (last: ${c?.lastLoss ?? 'none'}), running since ${c ? new Date(c.since).toISOString() : '?'}, ` +
              `last error ${c?.lastError ?? 'none'})`,
          );
        }
    await sample();
    // With both snapshots the renderer heap is judged in its parts (heapSnapshot.ts, judgeHeap): V8's compiled code
    // for the same functions grows as more paths get hot, which the raw heap figure cannot tell from a leak.
    let heap: ReturnType<typeof judgeHeap> | null = null;
    if (args['heap-snapshots']) {
      await writeHeapSnapshot(kiosk.cdp, join(OUT, 'heap-end.heapsnapshot'));
      if (warmSnapshot) {
        const parts = (f: string) => heapParts(readFileSync(join(OUT, f), 'utf8'));
        heap = judgeHeap(parts('heap-warm.heapsnapshot'), parts('heap-end.heapsnapshot'), BOUND);
        failures.push(...heap.failures);
      }
    }

    let memoryGrowth: ReturnType<typeof dumpGrowth> | null = null;
    let oilpanTypes: ReturnType<typeof oilpanTypeGrowth> | null = null;
    const endDump = lastDump;
    if (warmDump && endDump) {
      writeFileSync(join(OUT, 'memory-end.json'), JSON.stringify(endDump, null, 2));
      memoryGrowth = dumpGrowth(warmDump, endDump);
      oilpanTypes = oilpanTypeGrowth(warmDump, endDump);
    }

    const growth = growthOf(samples, WARMUP);
    for (const f of BOUNDED) {
      if (f === 'rendererHeapMB' && heap) continue;
      const failure = growthFailure(f, growth[f]!, BOUND, 'after the warm-up', SLACK[f]);
      if (failure) failures.push(failure);
    }
    if (kiosk.problems.length > 0) failures.push(...kiosk.problems.map((p) => `console: ${p}`));
    if (samples.filter((s) => s.minute >= WARMUP).length < 2) failures.push('too few samples after the warm-up to judge growth');
    const received = receiver.store.totals() as Record<string, number>;
    const csv = join(OUT, 'soak.csv');
    const chart = join(OUT, 'soak.html');
    writeCsv(csv, samples);
    writeChart(chart, samples, WARMUP, `Kiosk soak: ${MINUTES} min, ${tally.visitors} visitors`);
    const last = samples.at(-1)!;
    const summary = {
      minutes: Math.round(((Date.now() - startedAt) / 60_000) * 10) / 10,
      warmupMinutes: WARMUP,
      bound: BOUND,
      rate: RATE,
      devtoolsNetwork: network,
      visitorsSimulated: tally.visitors,
      // Against --rate: reported, not judged (a loaded machine is slower through every visit).
      visitorsPerHour: Math.round(tally.visitors / ((Date.now() - startedAt) / 3_600_000)),
      glances: tally.glances,
      exhibitsOpened: tally.exhibits,
      postcardsMade: tally.postcards,
      prints: tally.prints,
      consoleVisits: tally.consoleVisits,
      packSwaps: tally.packSwaps,
      nights: tally.nights,
      framesCounted: { entry: last.framesEntry, exit: last.framesExit },
      smile,
      uploadedMetrics: Object.keys(received).length,
      figures: growth,
      heapSnapshots: heap?.figures ?? null,
      memoryDumps: memoryGrowth,
      oilpanTypes,
      csv,
      chart,
      failures,
    };
    writeFileSync(join(OUT, 'soak.json'), JSON.stringify(summary, null, 2));
    console.log(JSON.stringify(summary));
  } finally {
    clearInterval(smileLog);
    await kiosk.close().catch(() => undefined);
    await stopHost(running);
    await receiver.close();
    if (!process.env.SOAK_KEEP) rmSync(work, { recursive: true, force: true });
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
