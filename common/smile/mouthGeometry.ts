/**
 * Smile cues from the 68-point landmarks (iBUG 300-W numbering, as face-api's FaceLandmarks68: jaw 0-16, eyes
 * 36-47, outer lips 48-59, inner lips 60-67). Points are first rotated so the eyes are level and scaled by the
 * distance between the eye centres, so the numbers do not depend on face size or head roll.
 */
export const mouthFeatureNames = ['mouthWidth', 'mouthOpen', 'lipHeight', 'cornerLift', 'mouthToJaw'] as const;

type Point = [number, number];

/** `landmarks` is [x0, y0, x1, y1, ...] for the 68 points, in any consistent unit. */
export function mouthGeometry(landmarks: ArrayLike<number>): number[] {
  if (landmarks.length !== 136) throw new Error(`expected 136 landmark coordinates, got ${landmarks.length}`);
  const raw = (i: number): Point => [landmarks[2 * i]!, landmarks[2 * i + 1]!];
  const centre = (from: number, to: number): Point => {
    let x = 0;
    let y = 0;
    for (let i = from; i <= to; i++) [x, y] = [x + raw(i)[0], y + raw(i)[1]];
    return [x / (to - from + 1), y / (to - from + 1)];
  };
  const leftEye = centre(36, 41);
  const rightEye = centre(42, 47);
  const eyeDistance = Math.hypot(rightEye[0] - leftEye[0], rightEye[1] - leftEye[1]) || 1;
  const angle = Math.atan2(rightEye[1] - leftEye[1], rightEye[0] - leftEye[0]);
  const [cos, sin] = [Math.cos(-angle), Math.sin(-angle)];
  // Level, eye-distance units, y down (image convention).
  const p = (i: number): Point => {
    const [x, y] = raw(i);
    return [(x * cos - y * sin) / eyeDistance, (x * sin + y * cos) / eyeDistance];
  };
  const dist = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  const mouthWidth = dist(p(48), p(54));
  const mouthOpen = dist(p(62), p(66));
  const lipHeight = dist(p(51), p(57));
  // Positive when the corners sit above the middle of the lips (they rise in a smile).
  const cornerLift = (p(51)[1] + p(57)[1]) / 2 - (p(48)[1] + p(54)[1]) / 2;
  const mouthToJaw = mouthWidth / (dist(p(3), p(13)) || 1);
  return [mouthWidth, mouthOpen, lipHeight, cornerLift, mouthToJaw];
}
