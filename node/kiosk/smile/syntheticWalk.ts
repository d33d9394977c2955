import { createWriteStream } from 'node:fs';
import type { RgbImage } from '../../../common/smile/rgbImage';
import { Y4mWriter } from './y4m';
import { rgbToYuv420 } from './yuv420';
import { seededRandom } from '../../../common/seededRandom';
import { rotateWithMask, type MaskedImage } from './rotateWithMask';
import { walkerFrames, walkerTravel } from './walkerTravel';
import { brightnessAt, checkHardOptions, drawPillar, pasteMasked, scaleAll, type HardWalkOptions } from './hardWalkScene';

/**
 * A synthetic walk-through: visitors (face images, smiling or not known from their source) crossing a static
 * street-like background one after another in horizontal lanes, left to right or back, with a little bob and
 * sensor noise, written as y4m. The ground truth (visitors, smiling visitors) is known by construction, so the
 * counting error of the kiosk's pipeline can be measured without filming anyone. Deterministic for a given seed.
 */
export interface SyntheticFace {
  name: string;
  image: RgbImage;
  smiling: boolean;
}

/** The walk's size and pace; the harder walks' options (hardWalkScene.ts) come with it. */
export interface SyntheticWalkOptions extends HardWalkOptions {
  width: number;
  height: number;
  fps: number;
  visitors: number;
  seed: number;
  /** Face side in pixels (each visitor varies it by up to +-10 %). Default: 40 % of the frame height. */
  faceSize?: number;
  /** Pixels per frame (each visitor varies it by up to +-25 %). Default: 1/12 of the frame width. */
  speed?: number;
  /** Empty frames before the first and after the last visitor. */
  marginFrames?: number;
  /**
   * The chance that a visitor smiles: each visitor's face is drawn from the smiling or the other faces by it. Default:
   * any face of the set (so the set's own share), as the walks were before the option.
   */
  smileShare?: number;
}

export interface SyntheticVisitor {
  face: string;
  smiling: boolean;
  lane: number;
  direction: 1 | -1;
  size: number;
  speed: number;
  /** First frame on screen (partly), and the frame after it has left. */
  startFrame: number;
  endFrame: number;
  /** A stopper's frames standing in the middle of the frame (it counts once). */
  stopFrames?: number;
  /**
   * A peeker's largest share of the face's width in the frame before turning back. Never a visitor: the kiosk counts
   * a person whose whole face it has seen (a track needs a whole-face smile score), and a peeker's face never is.
   */
  peek?: number;
  /** Degrees the face is rotated by (clockwise on screen). */
  tilt?: number;
  /** Gain on the face's pixels. */
  exposure?: number;
}

export interface SyntheticWalk {
  width: number;
  height: number;
  fps: number;
  frameCount: number;
  /** Horizontal lanes of equal height (the frame height / faces of 1.2 x the face size). */
  laneCount: number;
  visitors: SyntheticVisitor[];
  groundTruth: { visitors: number; smilingVisitors: number };
  /** Renders frame `index` (0 .. frameCount-1). */
  frame(index: number): RgbImage;
}

/** Bilinear resize to a square of side `size`. */
export function resizeSquare(image: RgbImage, size: number): RgbImage {
  const out = new Uint8Array(size * size * 3);
  const sx = image.width / size;
  const sy = image.height / size;
  for (let y = 0; y < size; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => image.data[(yy * image.width + xx) * 3 + c]!;
        const top = p(y0, x0) * (1 - wx) + p(y0, x1) * wx;
        const bottom = p(y1, x0) * (1 - wx) + p(y1, x1) * wx;
        out[(y * size + x) * 3 + c] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return { width: size, height: size, data: out };
}

/** Sky gradient, a river band and a row of grey warehouses (the old wharf), drawn once per video. */
function background(width: number, height: number, random: () => number): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  const river = Math.round(height * 0.78);
  const roofs = Array.from({ length: 8 }, () => Math.round(height * (0.25 + 0.3 * random())));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const roof = roofs[Math.floor((x / width) * roofs.length)]!;
      const rgb =
        y >= river
          ? [60, 90, 110]
          : y >= roof
            ? [120 + (x % 40 < 20 ? 10 : 0), 115, 110]
            : [150 + (y * 60) / height, 180 + (y * 40) / height, 215];
      data.set(rgb.map(Math.round), (y * width + x) * 3);
    }
  }
  return data;
}

export function planSyntheticWalk(faces: readonly SyntheticFace[], options: SyntheticWalkOptions): SyntheticWalk {
  const { width, height, fps, seed } = options;
  if (faces.length === 0) throw new Error('a synthetic walk needs at least one face image');
  if (!(Number.isInteger(options.visitors) && options.visitors >= 0))
    throw new Error(`visitors must be a whole number >= 0, got ${options.visitors}`);
  if (!(width >= 64 && height >= 64 && width % 2 === 0 && height % 2 === 0))
    throw new Error(`frame size must be even and at least 64x64, got ${width}x${height}`);
  checkHardOptions(options);
  const share = options.smileShare;
  const pools = [faces.filter((f) => !f.smiling), faces.filter((f) => f.smiling)] as const;
  if (share !== undefined) {
    if (!(share >= 0 && share <= 1)) throw new Error(`smileShare must be from 0 to 1, got ${share}`);
    if ((share > 0 && pools[1].length === 0) || (share < 1 && pools[0].length === 0))
      throw new Error(`a smile share of ${share} needs ${pools[1].length === 0 ? 'smiling' : 'other'} faces, and the set has none`);
  }
  const random = seededRandom(seed);
  const extra = seededRandom(seed * 104729 + 7); // the harder walks' own draws
  const range = options.faceSizeRange;
  const faceSize = options.faceSize ?? Math.round(height * 0.4);
  const baseSpeed = options.speed ?? width / 12;
  const margin = options.marginFrames ?? 3;
  const close = options.spacing === 'close';
  const lanes = Math.max(1, Math.floor(height / ((range ? range[1] : faceSize) * 1.2)));
  const laneFree = new Array<number>(lanes).fill(margin);
  const laneLast = new Array<SyntheticVisitor | undefined>(lanes);
  const visitors: SyntheticVisitor[] = [];
  let nextStart = margin;
  for (let i = 0; i < options.visitors; i++) {
    const pool = share === undefined ? faces : pools[random() < share ? 1 : 0];
    const face = pool[Math.floor(random() * pool.length)]!;
    const size = range ? Math.round(range[0] + (range[1] - range[0]) * random()) : Math.round(faceSize * (0.9 + 0.2 * random()));
    let speed = baseSpeed * (0.75 + 0.5 * random());
    const gap = 2 + Math.floor(random() * 10);
    const direction: 1 | -1 = random() < 0.5 ? 1 : -1;
    const [role, depth, tilt, exposure] = [extra(), extra(), extra(), extra()];
    const kind: Partial<SyntheticVisitor> =
      role < (options.edgeOcclusion ?? 0)
        ? { peek: Math.round((0.3 + 0.4 * depth) * 100) / 100 }
        : role >= 1 - (options.stoppers ?? 0)
          ? { stopFrames: Math.round((options.stopSeconds ?? 60) * fps) }
          : {};
    // A lane is free once its last visitor has left; with close spacing, also behind a walker going the same way.
    const follows = (last: SyntheticVisitor | undefined) =>
      close && last !== undefined && last.direction === direction && last.peek === undefined && last.stopFrames === undefined;
    const earliest = laneFree.map((free, l) => {
      const last = laneLast[l];
      return follows(last) ? last!.startFrame + Math.ceil((1.5 * Math.max(last!.size, size)) / last!.speed) : free;
    });
    // The lane free first; without close spacing a visitor never shares a lane with another on screen.
    const lane = earliest.indexOf(Math.min(...earliest));
    if (follows(laneLast[lane])) speed = Math.min(speed, laneLast[lane]!.speed);
    const startFrame = Math.max(nextStart, earliest[lane]!);
    const endFrame = startFrame + walkerFrames({ size, speed, ...kind }, width);
    // Never earlier than before: a peeker behind a walker leaves before the walker does.
    laneFree[lane] = Math.max(laneFree[lane]!, endFrame + 2);
    nextStart = startFrame + (close ? Math.ceil(gap / 3) : gap);
    const visitor: SyntheticVisitor = {
      face: face.name,
      smiling: face.smiling,
      lane,
      direction,
      size,
      speed,
      startFrame,
      endFrame,
      ...kind,
    };
    if (options.tiltDegrees) visitor.tilt = Math.round((2 * tilt - 1) * options.tiltDegrees * 10) / 10;
    if (options.exposure) visitor.exposure = Math.round((1 + (2 * exposure - 1) * options.exposure) * 100) / 100;
    laneLast[lane] = visitor;
    visitors.push(visitor);
  }
  const frameCount = Math.max(margin, ...visitors.map((v) => v.endFrame)) + margin;
  const scaled = new Map<string, RgbImage>();
  const imageOf = (v: SyntheticVisitor) => {
    const key = `${v.face}@${v.size}`;
    if (!scaled.has(key)) scaled.set(key, resizeSquare(faces.find((f) => f.name === v.face)!.image, v.size));
    return scaled.get(key)!;
  };
  const rotated = new Map<string, MaskedImage>();
  const maskedOf = (v: SyntheticVisitor) => {
    const key = `${v.face}@${v.size}@${v.tilt ?? 0}`;
    if (!rotated.has(key)) {
      const image = imageOf(v);
      rotated.set(key, v.tilt ? rotateWithMask(image, v.tilt) : { ...image, alpha: new Float32Array(image.width * image.height).fill(1) });
    }
    return rotated.get(key)!;
  };
  const scene = background(width, height, random);
  const laneHeight = height / lanes;
  const counted = visitors.filter((v) => v.peek === undefined);
  const pillar = Math.round((options.pillar ?? 0) * width);
  return {
    width,
    height,
    fps,
    frameCount,
    laneCount: lanes,
    visitors,
    groundTruth: { visitors: counted.length, smilingVisitors: counted.filter((v) => v.smiling).length },
    frame(index) {
      const data = Uint8Array.from(scene);
      for (const v of visitors) {
        if (index < v.startFrame || index >= v.endFrame) continue;
        const travelled = walkerTravel(v, index, width);
        const left = Math.round(v.direction === 1 ? travelled - v.size : width - travelled);
        const bob = Math.round(2 * Math.sin(index * 1.3 + v.startFrame));
        const top = Math.round(v.lane * laneHeight + (laneHeight - v.size) / 2) + bob;
        if (v.tilt === undefined && v.exposure === undefined) paste(data, width, height, imageOf(v), left, top);
        else pasteMasked(data, width, height, maskedOf(v), left, top, v.exposure ?? 1);
      }
      if (pillar > 0) drawPillar(data, width, height, pillar);
      if (options.brightness) scaleAll(data, brightnessAt(options.brightness, options.brightnessPeriodSeconds ?? 40, fps, index));
      // Sensor noise, seeded by the frame index so any frame renders the same on its own.
      const noise = seededRandom(seed * 7919 + index);
      for (let i = 0; i < data.length; i += 97) data[i] = Math.max(0, Math.min(255, data[i]! + Math.round((noise() - 0.5) * 16)));
      return { width, height, data };
    },
  };
}

/** Copies `face` into the frame at (left, top), clipped to the frame. */
function paste(data: Uint8Array, width: number, height: number, face: RgbImage, left: number, top: number): void {
  const x0 = Math.max(0, left);
  const x1 = Math.min(width, left + face.width);
  if (x1 <= x0) return;
  for (let r = Math.max(0, -top); r < face.height && top + r < height; r++) {
    const from = (r * face.width + (x0 - left)) * 3;
    data.set(face.data.subarray(from, from + (x1 - x0) * 3), ((top + r) * width + x0) * 3);
  }
}

/** Writes the walk as a y4m file; returns its ground truth. */
export async function writeSyntheticWalk(path: string, walk: SyntheticWalk): Promise<SyntheticWalk['groundTruth']> {
  const writer = new Y4mWriter(createWriteStream(path), { width: walk.width, height: walk.height, fps: [walk.fps, 1] });
  for (let i = 0; i < walk.frameCount; i++) await writer.write(rgbToYuv420(walk.frame(i)));
  await writer.end();
  return walk.groundTruth;
}

/**
 * The ground truth for a counting region (fractions of the frame; null: the whole walk): visitors walk across the
 * whole width in horizontal lanes, so every visitor crosses the region's columns, and is in the region when their
 * face's centre line (the lane's middle) lies within its rows. (Whether a narrow region leaves the tracker enough
 * frames of a fast walker is the counting's problem, measured by the count, not the ground truth's.)
 */
export function groundTruthInRegion(
  walk: SyntheticWalk,
  roi: { x: number; y: number; width: number; height: number } | null,
): SyntheticWalk['groundTruth'] {
  if (!roi) return walk.groundTruth;
  const laneHeight = walk.height / walk.laneCount;
  const inside = walk.visitors.filter((v) => {
    if (v.peek !== undefined) return false;
    const centre = ((v.lane + 0.5) * laneHeight) / walk.height;
    return centre >= roi.y && centre <= roi.y + roi.height;
  });
  return { visitors: inside.length, smilingVisitors: inside.filter((v) => v.smiling).length };
}
