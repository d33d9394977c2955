/** What a visitor's path across the frame depends on (a subset of SyntheticVisitor). */
export interface WalkerPath {
  size: number;
  /** Pixels per frame. */
  speed: number;
  startFrame: number;
  /** Frames standing still with the face in the middle of the frame (a stopper). */
  stopFrames?: number;
  /** Share of the face's width that comes into the frame before the visitor turns back (a peeker). */
  peek?: number;
}

/**
 * How far (pixels) a visitor has come into the frame at frame `index`, measured from where the face's leading edge
 * enters. A walker moves at a steady speed; a stopper walks until the face's centre is on the frame's centre line,
 * stands there for `stopFrames` frames and walks on; a peeker comes in until `peek` of the face shows and walks back
 * out the same side.
 */
export function walkerTravel(v: WalkerPath, index: number, width: number): number {
  const t = index - v.startFrame;
  if (v.peek !== undefined) {
    const depth = v.peek * v.size;
    const turn = depth / v.speed;
    return t < turn ? t * v.speed : depth - (t - turn) * v.speed;
  }
  if (v.stopFrames !== undefined) {
    const stopAt = (width + v.size) / 2;
    const arrive = stopAt / v.speed;
    if (t < arrive) return t * v.speed;
    if (t < arrive + v.stopFrames) return stopAt;
    return stopAt + (t - arrive - v.stopFrames) * v.speed;
  }
  return t * v.speed;
}

/** Frames from the first on screen to the one after the visitor has left. */
export function walkerFrames(v: Omit<WalkerPath, 'startFrame'>, width: number): number {
  if (v.peek !== undefined) return Math.ceil((2 * v.peek * v.size) / v.speed) + 1;
  return Math.ceil((width + v.size) / v.speed) + 1 + (v.stopFrames ?? 0);
}
