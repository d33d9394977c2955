/**
 * Projective mapping (a homography) from the print's normalised coordinates (u, v in 0..1, origin
 * top left) to screen points, fixed by where the print's four corners appear on the screen. With
 * four corners an affine map is not enough (a panel mounted slightly tilted shows the print as a
 * trapezoid), so this is the general 8-parameter projective map of a square onto a quadrilateral:
 * Heckbert, "Fundamentals of Texture Mapping and Image Warping" (1989), section 2.2.3
 * (https://www2.eecs.berkeley.edu/Pubs/TechRpts/1989/CSD-89-516.pdf).
 */
export interface Point {
  x: number;
  y: number;
}

/** Row-major 3x3 matrix [a, b, c, d, e, f, g, h, i]: x' = (a u + b v + c) / (g u + h v + i). */
export type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** The homography taking (0,0), (1,0), (1,1), (0,1) to quad[0..3] (top left, clockwise). */
export function squareToQuad(quad: readonly [Point, Point, Point, Point]): Matrix3 {
  const [p0, p1, p2, p3] = quad;
  const dx1 = p1.x - p2.x;
  const dx2 = p3.x - p2.x;
  const dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y;
  const dy2 = p3.y - p2.y;
  const dy3 = p0.y - p1.y + p2.y - p3.y;
  if (Math.abs(dx3) < 1e-12 && Math.abs(dy3) < 1e-12) {
    // A parallelogram: the affine special case.
    return [p1.x - p0.x, p3.x - p0.x, p0.x, p1.y - p0.y, p3.y - p0.y, p0.y, 0, 0, 1];
  }
  const det = dx1 * dy2 - dx2 * dy1;
  if (Math.abs(det) < 1e-12) throw new RangeError('the four corners are degenerate (three of them on one line)');
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const h = (dx1 * dy3 - dx3 * dy1) / det;
  return [p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x, p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y, g, h, 1];
}

export function apply(m: Matrix3, p: Point): Point {
  const w = m[6] * p.x + m[7] * p.y + m[8];
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

/**
 * CSS `matrix3d()` that draws an element of `width` x `height` px (with `transform-origin: 0 0`)
 * onto `m`, whose input is the unit square and output screen px. A 2D homography is a 4x4 matrix
 * with the z row and column left as identity (https://developer.mozilla.org/docs/Web/CSS/transform-function/matrix3d).
 */
export function toCssMatrix3d(m: Matrix3, width: number, height: number): string {
  const [a, b, c, d, e, f, g, h, i] = m;
  const cols = [a / width, d / width, 0, g / width, b / height, e / height, 0, h / height, 0, 0, 1, 0, c, f, 0, i];
  return `matrix3d(${cols.map((v) => String(v)).join(', ')})`;
}
