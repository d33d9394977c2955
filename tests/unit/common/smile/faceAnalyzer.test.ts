import { describe, expect, it } from 'vitest';
import { eyeRoll, FaceAnalyzer, type FaceApi } from '../../../../common/smile/faceAnalyzer';

/** 68 landmarks with the left eye's six points around (lx, ly) and the right eye's around (rx, ry). */
function eyes(lx: number, ly: number, rx: number, ry: number): number[] {
  const pts: Array<[number, number]> = Array.from({ length: 68 }, () => [0.5, 0.7]);
  const ring = [
    [-0.04, 0],
    [-0.02, -0.01],
    [0.02, -0.01],
    [0.04, 0],
    [0.02, 0.01],
    [-0.02, 0.01],
  ];
  ring.forEach(([dx, dy], k) => {
    pts[36 + k] = [lx + dx!, ly + dy!];
    pts[42 + k] = [rx + dx!, ry + dy!];
  });
  return pts.flat();
}

describe('eyeRoll', () => {
  it('is the angle of the line between the eye centres (y down, so a right eye lower is a positive roll)', () => {
    expect(eyeRoll(eyes(0.3, 0.4, 0.7, 0.4))).toBeCloseTo(0);
    expect(eyeRoll(eyes(0.3, 0.4, 0.7, 0.8))).toBeCloseTo(Math.PI / 4);
    expect(eyeRoll(eyes(0.3, 0.5, 0.7, 0.5 - 0.4 * Math.tan(0.2)))).toBeCloseTo(-0.2);
  });
});

describe('FaceAnalyzer options', () => {
  it('refuses to align without the landmark net that measures the roll', () => {
    const faceapi = {} as FaceApi;
    expect(() => new FaceAnalyzer(faceapi, { align: true, landmarks: false })).toThrow(/align needs the landmark net/);
    expect(() => new FaceAnalyzer(faceapi, { align: true, landmarks: true })).not.toThrow();
  });
});
