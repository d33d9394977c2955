/**
 * The demo pack's walk-through videos for the smile meter: on a PC without a camera (`npm start` with the
 * demo pack), an unconfigured camera role plays its video instead and the big screen comes alive. Rendered from
 * writeSyntheticWalk (the same synthetic walk the tests and the benchmark count) with the face crops of
 * tests/fixtures/smile-eval (cut from @vladmandic/face-api's MIT sample photos), then encoded by ffmpeg to VP8 WebM
 * (Chromium plays it; a few hundred KB). The entry video has few smiling visitors and the exit video many, roughly
 * like the station's own 21 % in / 86.7 % out. Deterministic: fixed seeds, fixed encoder settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImageFile } from '../../../node/kiosk/smile/decodeImageFile';
import { listLabelledImages } from '../../../node/kiosk/smile/evaluateSmileFolder';
import { planSyntheticWalk, writeSyntheticWalk, type SyntheticFace } from '../../../node/kiosk/smile/syntheticWalk';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FACES_DIR = join(ROOT, 'tests', 'fixtures', 'smile-eval');
const MAX_BYTES = 1024 * 1024;

export const DEMO_VIDEO_PATHS = { entry: 'smile/demo-entry.webm', exit: 'smile/demo-exit.webm' } as const;

function faces(): { smiling: SyntheticFace[]; neutral: SyntheticFace[] } {
  const all = listLabelledImages(FACES_DIR)
    .map(({ file, label }) => ({ name: file, image: decodeImageFile(file), smiling: label === 1 }))
    .filter((f) => new Set(f.image.data).size > 8); // the blank image is no visitor
  return { smiling: all.filter((f) => f.smiling), neutral: all.filter((f) => !f.smiling) };
}

/** Faces drawn for a role: `smileShare` of the draws smiling (the walk picks uniformly from this list). */
function weighted(f: ReturnType<typeof faces>, smileShare: number): SyntheticFace[] {
  const n = 10;
  const smiles = Math.round(n * smileShare);
  return [
    ...Array.from({ length: smiles }, (_, i) => f.smiling[i % f.smiling.length]!),
    ...Array.from({ length: n - smiles }, (_, i) => f.neutral[i % f.neutral.length]!),
  ];
}

/** Writes `<dir>/smile/demo-entry.webm` and `demo-exit.webm`; returns their pack paths. Needs ffmpeg with libvpx. */
export async function renderDemoVideos(dir: string): Promise<{ entry: string; exit: string }> {
  const f = faces();
  const tmp = mkdtempSync(join(tmpdir(), 'demo-smile-'));
  try {
    for (const [role, share, seed] of [
      ['entry', 0.2, 101],
      ['exit', 0.9, 202],
    ] as const) {
      const walk = planSyntheticWalk(weighted(f, share), {
        width: 320,
        height: 240,
        fps: 10,
        visitors: 12,
        seed,
        faceSize: 96,
        speed: 6,
        marginFrames: 10,
      });
      const y4m = join(tmp, `${role}.y4m`);
      await writeSyntheticWalk(y4m, walk);
      const out = join(dir, DEMO_VIDEO_PATHS[role]);
      mkdirSync(dirname(out), { recursive: true });
      // VP8 at a capped bit rate, no audio, no metadata that changes between runs (creation time, encoder version).
      execFileSync(
        'ffmpeg',
        [
          '-y',
          '-v',
          'error',
          '-nostdin',
          '-i',
          y4m,
          '-c:v',
          'libvpx',
          '-b:v',
          '150k',
          '-crf',
          '30',
          '-deadline',
          'good',
          '-cpu-used',
          '2',
          '-threads',
          '1',
          '-an',
          '-map_metadata',
          '-1',
          '-fflags',
          '+bitexact',
          '-flags:v',
          '+bitexact',
          out,
        ],
        { stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const size = statSync(out).size;
      if (size > MAX_BYTES) throw new Error(`demo video ${out} is ${size} bytes, over the 1 MB budget`);
      console.log(
        `demo-pack: smile ${role} video, ${walk.groundTruth.visitors} visitors (${walk.groundTruth.smilingVisitors} smiling), ${(size / 1024).toFixed(0)} KB`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ...DEMO_VIDEO_PATHS };
}

// `npx tsx scripts/demo-pack/smile/demoVideos.ts <dir>`: renders only the videos (to look at them).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: npx tsx scripts/demo-pack/smile/demoVideos.ts <output folder>');
  await renderDemoVideos(out);
}
