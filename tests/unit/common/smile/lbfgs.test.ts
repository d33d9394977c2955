import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from '../../../../common/smile/lbfgs';

describe('L-BFGS', () => {
  it('minimises an ill-conditioned quadratic to its exact minimum', () => {
    // f(x) = 1/2 sum a_j (x_j - c_j)^2, with curvatures spread over four orders of magnitude.
    const a = Array.from({ length: 50 }, (_, j) => 10 ** ((4 * j) / 49));
    const c = Array.from({ length: 50 }, (_, j) => Math.sin(j + 1));
    const result = minimizeLbfgs((x, g) => {
      let f = 0;
      for (let j = 0; j < x.length; j++) {
        f += 0.5 * a[j]! * (x[j]! - c[j]!) ** 2;
        g[j] = a[j]! * (x[j]! - c[j]!);
      }
      return f;
    }, new Array<number>(50).fill(0));
    expect(result.converged).toBe(true);
    for (let j = 0; j < 50; j++) expect(Math.abs(result.x[j]! - c[j]!)).toBeLessThan(1e-9);
    expect(result.gradientMax).toBeLessThan(1e-9);
  });

  it('finds the minimum of the Rosenbrock function (not convex) from the usual start', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const [u, v] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
        g[1] = 200 * (v - u * u);
        return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
      },
      [-1.2, 1],
      { gradientTolerance: 1e-8 },
    );
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('stops at once where the gradient already vanishes, and reports hitting maxIterations', () => {
    const flat = minimizeLbfgs((x, g) => (g.fill(0), 3), [1, 2]);
    expect(flat).toMatchObject({ iterations: 0, converged: true, value: 3 });
    const slow = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 5);
        return (x[0]! - 5) ** 2;
      },
      [0],
      { maxIterations: 1, gradientTolerance: 0 },
    );
    expect(slow.iterations).toBe(1);
    expect(slow.converged).toBe(false);
  });
});
