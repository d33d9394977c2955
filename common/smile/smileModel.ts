import { SmileCorrectionSchema, type SmileCorrection } from '../smileShare';
import modelFile from './smileModel.json' with { type: 'json' };
import type { SmileModelFile } from './smileScorer';

/**
 * The trained smile model shipped with the kiosk (regenerate with the command recorded in its `training.command`
 * when ../shared/datasets/smiles-train and smiles-dev are present). The JSON records how it was trained, its nested
 * cross-validation figures on the training folder, and its figures on the fixed comparison folder (`heldOut`) that no
 * choice was made on.
 */
export const smileModel: SmileModelFile = modelFile as SmileModelFile;

/**
 * A model file's version and the error its shares are corrected with, checked: per counted visitor
 * (`countingOperatingPoint`, the meter's own decisions on walk-throughs) when the file has it, else per face crop
 * (`operatingPoint`, from the training's cross-validation). A file without them fails here rather than silently
 * showing uncorrected shares.
 */
export function correctionOf(file: SmileModelFile): SmileCorrection {
  const point = file.countingOperatingPoint ?? file.operatingPoint;
  return SmileCorrectionSchema.parse({
    version: file.version,
    sensitivity: point.sensitivity,
    specificity: point.specificity,
    positives: point.positives,
    negatives: point.negatives,
  });
}

/** The shipped model's correction. */
export const shippedSmileCorrection: SmileCorrection = correctionOf(smileModel);

/**
 * The correction that applies when the meter decides at `threshold` (the smile setting): the model's sensitivity and
 * specificity were measured at its own threshold only, so at any other the shares cannot be corrected (null).
 */
export function smileCorrectionAt(threshold: number): SmileCorrection | null {
  return Math.abs(threshold - smileModel.threshold) < 1e-9 ? shippedSmileCorrection : null;
}
