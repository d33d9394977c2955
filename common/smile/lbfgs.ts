/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., algorithm 7.4 with the two-loop recursion
 * 7.5) for smooth convex functions such as the smile model's penalised log-loss. Newton's method builds and factors a
 * d x d Hessian over every row each step, which for a few hundred features and thousands of faces is most of the
 * cost of nested cross-validation; L-BFGS needs only the gradient (one pass over the rows per evaluation) and the
 * last few steps. The step length is found by backtracking until the sufficient-decrease (Armijo) condition holds:
 * on a strictly convex function every step then also keeps s.y > 0, so the curvature pairs stay valid without a
 * full Wolfe search.
 */
export interface LbfgsOptions {
  /** Curvature pairs kept. */
  memory: number;
  /** Converged when every gradient component is below this in absolute value. */
  gradientTolerance: number;
  maxIterations: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  /** Largest absolute gradient component at `x`. */
  gradientMax: number;
  iterations: number;
  /**
   * False when it stopped on maxIterations, or where no step lowers the value measurably any more: near the optimum
   * the decrease falls below the value's rounding error before the gradient reaches a very small tolerance.
   */
  converged: boolean;
}

const defaults: LbfgsOptions = { memory: 10, gradientTolerance: 1e-9, maxIterations: 5000 };

/**
 * Minimises f from `start`. `valueAndGradient(x, gradient)` returns f(x) and writes its gradient into `gradient`.
 */
export function minimizeLbfgs(
  valueAndGradient: (x: Float64Array, gradient: Float64Array) => number,
  start: ArrayLike<number>,
  options: Partial<LbfgsOptions> = {},
): LbfgsResult {
  const { memory, gradientTolerance, maxIterations } = { ...defaults, ...options };
  const m = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(m);
  let f = valueAndGradient(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Array<number>(memory).fill(0);
  const direction = new Float64Array(m);
  let iterations = 0;
  let converged = maxAbs(g) < gradientTolerance;
  while (!converged && iterations < maxIterations) {
    // Two-loop recursion: direction = -H g, with H the inverse-Hessian estimate from the stored pairs.
    direction.set(g);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, direction);
      axpy(-alpha[i]!, y[i]!, direction);
    }
    // Initial scaling s.y / y.y from the newest pair; before any pair, a first step of unit length.
    const last = s.length - 1;
    const gamma = last >= 0 ? 1 / (rho[last]! * dot(y[last]!, y[last]!)) : 1 / Math.max(Math.sqrt(dot(g, g)), 1e-300);
    for (let j = 0; j < m; j++) direction[j]! *= gamma;
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(y[i]!, direction);
      axpy(alpha[i]! - beta, s[i]!, direction);
    }
    for (let j = 0; j < m; j++) direction[j] = -direction[j]!;
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Lost descent through rounding: start again from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let j = 0; j < m; j++) direction[j] = -g[j]!;
      slope = -dot(g, g);
    }
    let step = 1;
    let next = new Float64Array(m);
    let nextGradient = new Float64Array(m);
    let nextValue = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++, step /= 2) {
      for (let j = 0; j < m; j++) next[j] = x[j]! + step * direction[j]!;
      nextValue = valueAndGradient(next, nextGradient);
      // Strictly lower: a step whose decrease is lost in rounding is no progress, and after the halvings it ends the search.
      if (nextValue < f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
    }
    iterations++;
    if (!accepted) break;
    const sk = new Float64Array(m);
    const yk = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      sk[j] = next[j]! - x[j]!;
      yk[j] = nextGradient[j]! - g[j]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-300) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    [x, next] = [next, x];
    [g, nextGradient] = [nextGradient, g];
    f = nextValue;
    converged = maxAbs(g) < gradientTolerance;
  }
  return { x, value: f, gradientMax: maxAbs(g), iterations, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

/** b += k a */
function axpy(k: number, a: Float64Array, b: Float64Array): void {
  for (let j = 0; j < a.length; j++) b[j]! += k * a[j]!;
}

function maxAbs(a: Float64Array): number {
  let most = 0;
  for (let j = 0; j < a.length; j++) most = Math.max(most, Math.abs(a[j]!));
  return most;
}
