/**
 * One smile decision per visitor: the per-frame smile scores of a face track are aggregated robustly (a trimmed
 * mean drops the frames where the face was blurred, turned or half out of the picture) and compared once with the
 * threshold from settings.
 */
export type SmileAggregation = 'trimmedMean' | 'median' | 'mean';

export interface SmileDecisionOptions {
  aggregation: SmileAggregation;
  /** Fraction cut from EACH end before averaging (trimmedMean only), 0 <= trim < 0.5. */
  trim: number;
  /** Score at or above which the visitor counts as smiling (settings: smile threshold). */
  threshold: number;
}

export function aggregateSmileScores(scores: readonly number[], aggregation: SmileAggregation, trim = 0.2): number {
  const finite = scores.filter((s) => Number.isFinite(s));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const average = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  switch (aggregation) {
    case 'mean':
      return average(sorted);
    case 'median': {
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    case 'trimmedMean': {
      if (!(trim >= 0 && trim < 0.5)) throw new Error(`trim must be in [0, 0.5), got ${trim}`);
      const cut = Math.floor(sorted.length * trim);
      return average(sorted.slice(cut, sorted.length - cut));
    }
    default:
      throw new Error(`unknown smile aggregation ${String(aggregation)}`);
  }
}

/** The aggregated score and whether it clears the threshold (no usable score: not smiling). */
export function decideSmile(scores: readonly number[], options: SmileDecisionOptions): { score: number; smiling: boolean } {
  const score = aggregateSmileScores(scores, options.aggregation, options.trim);
  return { score, smiling: Number.isFinite(score) && score >= options.threshold };
}
