import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fake camera for Chromium: ffmpeg renders a short Y4M clip from one of its lavfi sources into a
 * temporary folder, and Chromium plays it (looping) as the only camera, with the permission prompt
 * answered yes. Pass the result to `test.use({ launchOptions })` (it keeps the config's Chromium).
 * Flags: https://webrtc.org/getting-started/testing#chrome
 * Lavfi sources: https://ffmpeg.org/ffmpeg-filters.html#Video-Sources (e.g. `color=c=0x3070a0`, `testsrc2`).
 */
export interface FakeCameraOptions {
  /** An ffmpeg lavfi source without size and rate, e.g. `testsrc2` or `color=c=0x3070a0`. */
  source?: string;
  width?: number;
  height?: number;
  fps?: number;
  seconds?: number;
}

export interface FakeCamera {
  file: string;
  /** Chromium flags for this clip. */
  args: string[];
}

export function makeFakeCamera(opts: FakeCameraOptions = {}): FakeCamera {
  const { source = 'testsrc2', width = 640, height = 480, fps = 10, seconds = 1 } = opts;
  const file = join(mkdtempSync(join(tmpdir(), 'fake-camera-')), 'camera.y4m');
  const sep = source.includes('=') ? ':' : '=';
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `${source}${sep}size=${width}x${height}:rate=${fps}`,
    '-t',
    String(seconds),
    '-pix_fmt',
    'yuv420p',
    '-y',
    file,
  ]);
  return {
    file,
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`],
  };
}

/** The config's launch options (Debian Chromium and its offline flags) plus `extraArgs`. */
export function launchOptionsWith(
  base: { executablePath?: string; args?: string[] } | undefined,
  extraArgs: string[],
): { executablePath?: string; args: string[] } {
  return { ...base, args: [...(base?.args ?? []), ...extraArgs] };
}

/**
 * A y4m walk as a WebM the kiosk can step through (a smile role's `video` source): VP8 at high quality with a key
 * frame every 10 frames, so each seek decodes little, encoded fast (https://trac.ffmpeg.org/wiki/Encode/VP8).
 */
export function encodeSeekableWebm(y4m: string, webm: string): void {
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-i',
    y4m,
    '-c:v',
    'libvpx',
    '-crf',
    '4',
    '-b:v',
    '8M',
    '-g',
    '10',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    webm,
  ]);
}
