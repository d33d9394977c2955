/**
 * A second, blind rating of some smiles-dev images, set against the data set's own labels and the model's
 * out-of-fold decisions. It answers one question the balanced accuracy alone cannot: when the model and the label
 * disagree, who is wrong? (docs/experiments/smile.md, "How noisy are the labels?".)
 *
 * The rater saw shuffled, numbered contact sheets of the images, without labels, file names or model scores,
 * and wrote 1 (smiling) or 0 for each face. The ratings live in smiles-dev-second-rater.csv next to this file.
 */

/** image (path relative to the labelled folder, e.g. `smile/10022.jpg`) -> 1 smiling / 0 not. */
export type Ratings = Map<string, 0 | 1>;

/** Parses `image,second_rater_smile` CSV text; every bad line is reported at once, with its line number. */
export function parseRatings(text: string): Ratings {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'image,second_rater_smile')
    throw new Error('second-rater CSV: the first line must be "image,second_rater_smile"');
  const ratings: Ratings = new Map();
  const problems: string[] = [];
  lines.slice(1).forEach((line, i) => {
    const n = i + 2;
    const [image, rating, ...rest] = line.split(',').map((c) => c.trim());
    if (!image || rest.length > 0 || (rating !== '0' && rating !== '1')) problems.push(`line ${n}: expected "<image>,0|1", got "${line}"`);
    else if (ratings.has(image)) problems.push(`line ${n}: ${image} is rated twice`);
    else ratings.set(image, rating === '1' ? 1 : 0);
  });
  if (problems.length > 0) throw new Error(`second-rater CSV:\n${problems.join('\n')}`);
  return ratings;
}

export interface RatedFace {
  image: string;
  label: 0 | 1;
  /** The model's out-of-fold decision (1 smiling). */
  decision: 0 | 1;
}

export interface SecondRaterReport {
  /** Rated faces the model scored (rated images whose face was not detected are left out). */
  faces: number;
  raterVsLabel: number;
  modelVsLabel: number;
  modelVsRater: number;
  /** Faces where the label and the rater agree, and the model's balanced accuracy on them. */
  consensus: { faces: number; modelBalancedAccuracy: number };
  /** The model's errors against the label, and how many of them the rater decided as the model did. */
  modelErrors: { faces: number; raterSidesWithModel: number };
}

/** Balanced accuracy of `decided` against `truth` (mean of the two class recalls); NaN when a class is missing. */
export function balancedAgreement(pairs: ReadonlyArray<{ decided: 0 | 1; truth: 0 | 1 }>): number {
  const recall = (cls: 0 | 1) => {
    const of = pairs.filter((p) => p.truth === cls);
    return of.length === 0 ? Number.NaN : of.filter((p) => p.decided === cls).length / of.length;
  };
  return (recall(0) + recall(1)) / 2;
}

export function secondRaterReport(faces: readonly RatedFace[], ratings: Ratings): SecondRaterReport {
  const rated = faces.filter((f) => ratings.has(f.image)).map((f) => ({ ...f, rater: ratings.get(f.image)! }));
  if (rated.length === 0) throw new Error('no rated image among the scored faces: is the CSV for this folder?');
  const consensus = rated.filter((f) => f.rater === f.label);
  const errors = rated.filter((f) => f.decision !== f.label);
  return {
    faces: rated.length,
    raterVsLabel: balancedAgreement(rated.map((f) => ({ decided: f.rater, truth: f.label }))),
    modelVsLabel: balancedAgreement(rated.map((f) => ({ decided: f.decision, truth: f.label }))),
    modelVsRater: balancedAgreement(rated.map((f) => ({ decided: f.decision, truth: f.rater }))),
    consensus: {
      faces: consensus.length,
      modelBalancedAccuracy: balancedAgreement(consensus.map((f) => ({ decided: f.decision, truth: f.label }))),
    },
    modelErrors: { faces: errors.length, raterSidesWithModel: errors.filter((f) => f.rater === f.decision).length },
  };
}
