import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createKioskMeter, type KioskMeterOverrides } from '../../../common/smile/createKioskMeter';
import type { FaceApi } from '../../../common/smile/faceAnalyzer';
import { smileCorrectionAt, smileModel } from '../../../common/smile/smileModel';
import { correctShare, type ShareInterval } from '../../../common/smileShare';
import { openY4m, type Y4mStream } from './y4m';
import { yuv420ToRgb } from './yuv420';

/**
 * Runs the kiosk's counting loop (FaceAnalyzer + the trained smile model + FaceTracker through SmileMeter, the
 * same objects the camera worker uses) over every frame of a video and reports the counts and the throughput.
 */
export type SmileCountOptions = KioskMeterOverrides;

export interface SmileCountResult {
  visitors: number;
  smilingVisitors: number;
  /** smilingVisitors / visitors as counted; null without visitors. */
  smilingShare: number | null;
  /** The share corrected for the model's known error (common/smileShare.ts); null without visitors or correction. */
  correctedShare: number | null;
  /** Its 95 % interval. */
  interval: ShareInterval | null;
  /** The smile model counted with (its version; its error corrects the share only at its own threshold). */
  modelVersion: number;
  framesProcessed: number;
  /** Frames per second of the whole loop: decoding, YUV->RGB, detection, expressions, tracking. */
  framesPerSecond: number;
  width: number;
  height: number;
  /** Mean milliseconds per frame of each stage (SmileMeter's stage times), and second looks taken in all. */
  stageMs: { detect: number; secondLook: number; describe: number };
  secondLooks: number;
}

/** Raw share, corrected share and interval of a count, and the model version (the CLI's JSON line). */
export function sharesOf(
  smiling: number,
  visitors: number,
  threshold: number,
): Pick<SmileCountResult, 'smilingShare' | 'correctedShare' | 'interval' | 'modelVersion'> {
  const correction = smileCorrectionAt(threshold);
  const c = correction ? correctShare(smiling, visitors, correction) : null;
  return {
    smilingShare: visitors > 0 ? smiling / visitors : null,
    correctedShare: c?.correctedShare ?? null,
    interval: c?.interval ?? null,
    modelVersion: smileModel.version,
  };
}

export async function countSmilesInVideo(faceapi: FaceApi, video: Y4mStream, options: SmileCountOptions = {}): Promise<SmileCountResult> {
  const { width, height, range } = video.header;
  const meter = createKioskMeter(faceapi, options);
  const { analyzer } = meter;
  const started = performance.now();
  const stages = { detect: 0, secondLook: 0, describe: 0 };
  for await (const frame of video.frames) {
    const tensor = analyzer.toTensor(yuv420ToRgb(frame, range));
    try {
      await meter.processFrame(tensor);
    } finally {
      tensor.dispose();
    }
    const t = meter.lastStageTimes;
    stages.detect += t.detectMs;
    stages.secondLook += t.secondLookMs;
    stages.describe += t.describeMs;
  }
  meter.finish(width, height);
  const seconds = (performance.now() - started) / 1000;
  const visitors = meter.tracker.visitors;
  const smilingVisitors = meter.tracker.smilingVisitors;
  return {
    visitors,
    smilingVisitors,
    ...sharesOf(smilingVisitors, visitors, options.tracker?.smile?.threshold ?? smileModel.threshold),
    framesProcessed: meter.framesProcessed,
    framesPerSecond: seconds > 0 ? Math.round((meter.framesProcessed / seconds) * 10) / 10 : 0,
    width,
    height,
    stageMs: {
      detect: perFrame(stages.detect, meter.framesProcessed),
      secondLook: perFrame(stages.secondLook, meter.framesProcessed),
      describe: perFrame(stages.describe, meter.framesProcessed),
    },
    secondLooks: meter.secondLook?.looksTaken ?? 0,
  };
}

const perFrame = (ms: number, frames: number) => (frames > 0 ? Math.round((ms / frames) * 100) / 100 : 0);

/**
 * Opens a video as a y4m stream: .y4m files are read directly, anything else is decoded by ffmpeg (when on PATH)
 * into a y4m pipe (`-f yuv4mpegpipe -pix_fmt yuv420p`), read as it arrives. Errors name the file.
 */
export async function openVideoFile(path: string): Promise<Y4mStream> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`${path}: no such video file`);
  if (/\.y4m$/i.test(path)) return openY4m(createReadStream(path, { highWaterMark: 1 << 20 }));
  return openY4m(ffmpegY4m(path));
}

async function* ffmpegY4m(path: string): AsyncGenerator<Uint8Array> {
  const child = spawn('ffmpeg', ['-v', 'error', '-nostdin', '-i', path, '-f', 'yuv4mpegpipe', '-pix_fmt', 'yuv420p', '-'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-2000);
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new Error(`${path}: reading anything but .y4m needs ffmpeg on PATH`) : e),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined); // observed below; avoids an unhandled rejection while stdout is read
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exited;
    if (code !== 0) throw new Error(`${path}: ffmpeg could not decode it (exit ${code}): ${stderr.trim()}`);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}
