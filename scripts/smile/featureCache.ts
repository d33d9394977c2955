import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { FaceAnalyzer, FaceObservation } from '../../common/smile/faceAnalyzer';
import { padImage } from '../../common/smile/rgbImage';
import { decodeImageFile } from '../../node/kiosk/smile/decodeImageFile';

/**
 * The kiosk's face pipeline run once over a labelled folder, one JSON line per image appended to a cache file as it
 * goes: the expression net's outputs and inner (bottleneck) features and the landmarks of the most confident face.
 * Thousands of images take tens of minutes on a shared CPU, so an interrupted run resumes where it stopped, and every
 * model is then fitted from the cache in seconds. The first line is a key (folder, options): a cache made with other
 * analyzer options is not reused but rewritten. Images are visited in a seeded shuffled order, so the images done so
 * far are always a random sample of the folder (`limit` trains on such a sample).
 */
export interface LabelledImage {
  file: string;
  label: 0 | 1;
}

export interface CachedFace {
  /** Index in the folder's sorted image list. */
  image: number;
  label: 0 | 1;
  /** The most confident face, or null when the detector found none. */
  face: FaceObservation | null;
}

interface Line {
  image: number;
  label: 0 | 1;
  face: null | {
    box: FaceObservation['box'];
    detectionScore: number;
    expressions: number[];
    bottleneck: number[];
    landmarks: number[] | null;
  };
}

/** A seeded permutation of 0..n-1 (Fisher-Yates with the same LCG as stratifiedFolds). */
export function shuffledOrder(n: number, seed: number): number[] {
  let state = seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const round = (x: number) => Number(x.toPrecision(6));

function fromLine(line: Line): CachedFace {
  return {
    image: line.image,
    label: line.label,
    face: line.face && {
      ...line.face,
      bottleneck: Float32Array.from(line.face.bottleneck),
      landmarks: line.face.landmarks && Float32Array.from(line.face.landmarks),
    },
  };
}

export async function extractFaces(
  images: readonly LabelledImage[],
  analyzer: FaceAnalyzer,
  options: {
    padFactor: number;
    key: string;
    cacheFile?: string;
    limit?: number;
    seed?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<{ faces: CachedFace[]; msPerImage: number; extracted: number }> {
  const order = shuffledOrder(images.length, options.seed ?? 2027).slice(0, options.limit ?? images.length);
  const done = new Map<number, CachedFace>();
  const { cacheFile } = options;
  if (cacheFile && existsSync(cacheFile)) {
    const [head, ...lines] = readFileSync(cacheFile, 'utf8').split('\n');
    if (head === JSON.stringify({ key: options.key })) {
      for (const text of lines) {
        if (!text) continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          continue; // a line cut short by an interrupted run: extracted again below
        }
        done.set(line.image, fromLine(line));
      }
    } else {
      writeFileSync(cacheFile, `${JSON.stringify({ key: options.key })}\n`);
    }
  } else if (cacheFile) {
    writeFileSync(cacheFile, `${JSON.stringify({ key: options.key })}\n`);
  }
  const todo = order.filter((i) => !done.has(i));
  const started = performance.now();
  for (const [k, index] of todo.entries()) {
    const { file, label } = images[index]!;
    const tensor = analyzer.toTensor(padImage(decodeImageFile(file), options.padFactor));
    const found = await analyzer.analyze(tensor).finally(() => tensor.dispose());
    const best = found.sort((a, b) => b.detectionScore - a.detectionScore)[0] ?? null;
    // Kept exactly as cached (6 significant digits), so a run from the cache fits the very same model.
    const line: Line = {
      image: index,
      label,
      face: best && {
        box: best.box,
        detectionScore: best.detectionScore,
        expressions: best.expressions.map(round),
        bottleneck: Array.from(best.bottleneck, round),
        landmarks: best.landmarks && Array.from(best.landmarks, round),
      },
    };
    done.set(index, fromLine(line));
    if (cacheFile) appendFileSync(cacheFile, `${JSON.stringify(line)}\n`);
    if ((k + 1) % 250 === 0) options.onProgress?.(k + 1, todo.length);
  }
  const msPerImage = todo.length ? (performance.now() - started) / todo.length : Number.NaN;
  return { faces: order.map((i) => done.get(i)!), msPerImage, extracted: todo.length };
}

/** What a cache depends on: the folder's path and size, the padding and the analyzer's options. */
export function cacheKey(folder: string, padFactor: number, analyzerOptions: unknown, images: number): string {
  return JSON.stringify({ folder, padFactor, analyzerOptions, images });
}

/**
 * The faces of a cache file without the analyzer (for fitting heads from it alone), in the seeded order the cache was
 * filled in, up to the first image not yet described (so a partial cache still gives a random sample) or `limit`.
 */
export function readCachedFaces(cacheFile: string, options: { seed?: number; limit?: number } = {}): CachedFace[] {
  const [head, ...lines] = readFileSync(cacheFile, 'utf8').split('\n');
  const { images } = JSON.parse(JSON.parse(head!).key as string) as { images: number };
  const done = new Map<number, CachedFace>();
  for (const text of lines) {
    if (!text) continue;
    try {
      const line = JSON.parse(text) as Line;
      done.set(line.image, fromLine(line));
    } catch {
      // a line cut short by an interrupted run
    }
  }
  const faces: CachedFace[] = [];
  for (const index of shuffledOrder(images, options.seed ?? 2027).slice(0, options.limit ?? images)) {
    const face = done.get(index);
    if (!face) break;
    faces.push(face);
  }
  return faces;
}
