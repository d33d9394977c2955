import { join } from 'node:path';
import type { SmileRole } from '../../common/smileStatus';
import { encodeSeekableWebm } from '../e2e/fakeCamera';
import { writeWalkVideo } from '../e2e/smileCamera';

/**
 * The two smile cameras' walk-throughs: synthetic visitors (the counting e2e's fixture faces) then a long empty
 * street, as VP8 files the kiosk steps through at the file's own rate (settings `source: {kind: 'video'}`,
 * frameSource.ts stepTo). Stepped, every frame is counted however busy the page is (a fake camera in real time
 * undercounts while the panorama renders in software WebGL), so the stored counts must equal the ground truth times
 * the number of passes, read while the file is in its empty tail. The web host serves them from a copy of the
 * renderer folder (soak.ts), as it serves a file of its own: no Playwright route, so the soak also runs without
 * DevTools' Network domain.
 */
export interface RoleVideo {
  role: SmileRole;
  /** The path the kiosk asks for, and the file the web host answers it with. */
  url: string;
  file: string;
  fps: number;
  walkFrames: number;
  totalFrames: number;
  visitors: number;
  smiling: number;
}

export async function makeRoleVideo(dir: string, role: SmileRole, seed: number): Promise<RoleVideo> {
  const fps = 10;
  const tailSeconds = 40;
  const y4m = join(dir, `${role}.y4m`);
  const video = await writeWalkVideo(y4m, { visitors: 4, seed, tailSeconds, fps });
  const webm = join(dir, `${role}.webm`);
  encodeSeekableWebm(y4m, webm);
  return {
    role,
    url: `/soak-walk-${role}.webm`,
    file: webm,
    fps,
    walkFrames: video.walk.frameCount,
    totalFrames: Math.round(video.fileSeconds * fps),
    visitors: video.walk.groundTruth.visitors,
    smiling: video.walk.groundTruth.smilingVisitors,
  };
}

/**
 * Where frame `framesProcessed` falls in the file: in the empty tail, well past the last walker (every track ended)
 * and well before the loop (the status lags by one 5 s report), the passes so far are all counted.
 */
export function passesIfInTail(v: RoleVideo, framesProcessed: number): number | null {
  const at = framesProcessed % v.totalFrames;
  if (at < v.walkFrames + 8 * v.fps || at > v.totalFrames - 12 * v.fps) return null;
  return Math.floor(framesProcessed / v.totalFrames) + 1;
}
